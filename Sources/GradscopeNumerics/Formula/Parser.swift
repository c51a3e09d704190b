/// Recursive-descent parser from ``Token``s to a ``Formula/Expression``, one method per
/// rule of the grammar documented on ``Formula``.
///
/// Recursion happens only where the text nests (brackets, calls, `\frac`, signs, exponents), and
/// that nesting is limited to ``Formula/maxNesting``; sums and products are loops. The text is at
/// most ``Formula/maxLength`` characters, so the tree is at most that many levels deep.
struct Parser {
    private var tokens: [Token]
    private var index = 0
    private var nesting = 0
    private let characters: [Character]

    init(tokens: [Token], source: String = "") {
        self.tokens = tokens
        self.characters = Array(source)
    }

    /// Parses a whole formula, with its optional `y =` in front.
    static func parse(_ source: String) throws(FormulaError) -> Formula.Expression {
        var parser = Parser(tokens: try Lexer.tokens(in: source), source: source)
        return try parser.formula()
    }

    /// Runs `body` one nesting level deeper, refusing to go past ``Formula/maxNesting``.
    private mutating func nested<T>(_ body: (inout Parser) throws(FormulaError) -> T) throws(FormulaError) -> T {
        guard nesting < Formula.maxNesting else { throw .tooDeep(at: current) }
        nesting += 1
        defer { nesting -= 1 }
        return try body(&self)
    }

    private var current: Token { tokens[index] }
    private var previous: Token? { index > 0 ? tokens[index - 1] : nil }
    private mutating func advance() -> Token {
        defer { index += 1 }
        return tokens[index]
    }

    private mutating func formula() throws(FormulaError) -> Formula.Expression {
        if case .end = current.kind { throw .empty }
        if case .name(let name) = current.kind, !["x", "e", "pi"].contains(name), case .equals = tokens[index + 1].kind {
            index += 2
        }
        let expression = try sum()
        switch current.kind {
        case .end: return expression
        case .close: throw .unexpectedCloser(current)
        default: throw .trailing(current)
        }
    }

    /// `product { (+|-) product }`, left-associative.
    private mutating func sum() throws(FormulaError) -> Formula.Expression {
        try leftAssociative(Self.additive) { (p: inout Parser) throws(FormulaError) in try p.product() }
    }

    /// `unary { (*|/) unary }`, left-associative.
    private mutating func product() throws(FormulaError) -> Formula.Expression {
        try leftAssociative(Self.multiplicative) { (p: inout Parser) throws(FormulaError) in try p.unary() }
    }

    private static let additive: [Token.Kind: Formula.BinaryOperator] = [.plus: .add, .minus: .subtract]
    private static let multiplicative: [Token.Kind: Formula.BinaryOperator] = [.times: .multiply, .divide: .divide]

    /// `operand { op operand }` folded to the left, for the tokens `operators` maps: a loop, not
    /// a recursion, however long the chain.
    private mutating func leftAssociative(
        _ operators: [Token.Kind: Formula.BinaryOperator],
        operand: (inout Parser) throws(FormulaError) -> Formula.Expression
    ) throws(FormulaError) -> Formula.Expression {
        var left = try operand(&self)
        while let op = operators[current.kind] {
            _ = advance()
            left = .binary(op, left, try operand(&self))
        }
        return left
    }

    private mutating func unary() throws(FormulaError) -> Formula.Expression {
        switch current.kind {
        case .minus: _ = advance(); return .negate(try nested { (p: inout Parser) throws(FormulaError) in try p.unary() })
        case .plus: _ = advance(); return try nested { (p: inout Parser) throws(FormulaError) in try p.unary() }
        default: return try implicit()
        }
    }

    /// `power { power }`: multiplication is implied after `)`, `}`, a number or a constant
    /// (`e`, `\pi`) when a name, a number, an opening bracket or `\frac` follows:
    /// `2x`, `(x+1)(x-1)`, `2\pi x`, `\frac{1}{2} x`. It binds like a single factor, so
    /// `1/2x` is 1/(2x) and `2x^2` is 2·x².
    private mutating func implicit() throws(FormulaError) -> Formula.Expression {
        var product = try power()
        while let last = previous, last.endsImplicitFactor, current.startsImplicitProduct {
            product = .binary(.multiply, product, try power())
        }
        return product
    }

    private mutating func power() throws(FormulaError) -> Formula.Expression {
        let base = try atom()
        guard case .caret = current.kind else { return base }
        _ = advance()
        // `x^{2} y` is x²·y as in TeX: a braced exponent ends at its brace; `e^2x` is e^(2x).
        if case .open(.curly) = current.kind {
            return .binary(.power, base, try nested { (p: inout Parser) throws(FormulaError) in try p.group() })
        }
        return .binary(.power, base, try nested { (p: inout Parser) throws(FormulaError) in try p.unary() })
    }

    private mutating func atom() throws(FormulaError) -> Formula.Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return .number(value)
        case .name(let name):
            _ = advance()
            if case .open(let bracket) = current.kind, bracket != .square, name != "e", name != "pi" {
                return try nested { (p: inout Parser) throws(FormulaError) in try p.call(name, at: token) }
            }
            switch name {
            case "x": return .x
            case "e": return .e
            case "pi": return .pi
            default:
                if name != "sigma", FormulaFunction(named: name) != nil {
                    throw .functionWithoutArgument(name, at: token.column)
                }
                return .parameter(name)
            }
        case .open:
            return try nested { (p: inout Parser) throws(FormulaError) in try p.group() }
        case .fraction:
            _ = advance()
            return try nested { (p: inout Parser) throws(FormulaError) in
                let numerator = try p.fractionArgument(of: token)
                let denominator = try p.fractionArgument(of: token)
                return .binary(.divide, numerator, denominator)
            }
        default:
            throw missingOperand(at: token)
        }
    }

    /// One argument of `\frac`: a `{…}` group, or as in TeX one character (`\frac12`, `\frac1x`) or
    /// one command (`\frac\pi2`). A longer number or name gives up its first character only.
    private mutating func fractionArgument(of fraction: Token) throws(FormulaError) -> Formula.Expression {
        let token = current
        switch token.kind {
        case .open(.curly):
            return try group()
        case .name(let name) where token.isCommand:
            _ = advance()
            switch name {
            case "pi": return .pi
            case "e": return .e
            default:
                if FormulaFunction(named: name) != nil, name != "sigma" { throw .fractionArgument(at: fraction) }
                return .parameter(name)
            }
        case .number, .name:
            let text = Array(token.text)
            guard let first = text.first, first.isASCII, first.isLetter || first.isNumber else { throw .fractionArgument(at: fraction) }
            if text.count == 1 {
                _ = advance()
            } else {
                // Split `12` into `1` and `2`, or `xy` into `x` and `y`; the rest stays the current token.
                let rest = String(text.dropFirst())
                let restKind: Token.Kind
                if case .number = token.kind {
                    guard let value = Double(rest) else { throw .fractionArgument(at: fraction) }
                    restKind = .number(value)
                } else {
                    guard rest.first?.isLetter == true else { throw .fractionArgument(at: fraction) }
                    restKind = .name(rest)
                }
                tokens[index] = Token(kind: restKind, column: token.column + 1, text: rest)
            }
            if first.isNumber { return .number(Double(String(first))!) }
            switch first {
            case "x": return .x
            case "e": return .e
            default: return .parameter(String(first))
            }
        default:
            throw .fractionArgument(at: fraction)
        }
    }

    /// The error for a token that cannot start an operand.
    private func missingOperand(at token: Token) -> FormulaError {
        guard let previous else {
            if case .close = token.kind { return .unexpectedCloser(token) }
            return .missingOperand(before: token)
        }
        if case .open(let bracket) = previous.kind, case .end = token.kind {
            return .unclosed(previous, expecting: bracket.closer)
        }
        return .missingOperand(after: previous)
    }

    /// `( sum )`, `{ sum }` or `[ sum ]`, the closer matching the opener.
    private mutating func group() throws(FormulaError) -> Formula.Expression {
        let opener = advance()
        guard case .open(let bracket) = opener.kind else { preconditionFailure("group() at a non-bracket") }
        let inner = try sum()
        try close(opener, bracket)
        return inner
    }

    private mutating func close(_ opener: Token, _ bracket: Token.Bracket) throws(FormulaError) {
        switch current.kind {
        case .close(let found) where found == bracket: _ = advance()
        case .close: throw .mismatchedCloser(current, opener: opener, expecting: bracket.closer)
        case .end: throw .unclosed(opener, expecting: bracket.closer)
        default: throw .trailing(current)
        }
    }

    /// `name(a, b)` or `name{a}`, checked against the known functions and their arities.
    private mutating func call(_ name: String, at token: Token) throws(FormulaError) -> Formula.Expression {
        guard let function = FormulaFunction(named: name) else {
            if FormulaFunction.closestName(to: name) == nil || name == "x" {
                throw .notAFunction(name, call: productText(name, openingAt: index), at: token.column)
            }
            throw .unknownFunction(name, at: token.column)
        }
        let opener = advance()
        guard case .open(let bracket) = opener.kind else { preconditionFailure("call() at a non-bracket") }
        var arguments: [Formula.Expression] = []
        if current.kind != .close(bracket) {
            arguments.append(try sum())
            while case .comma = current.kind {
                _ = advance()
                arguments.append(try sum())
            }
        }
        try close(opener, bracket)
        guard function.arity.contains(arguments.count) else {
            throw .arity(name, takes: function.arity, got: arguments.count, at: token.column)
        }
        return .call(function, arguments)
    }

    /// `'w*(x+1)'` for `w(x+1)`: the name, `*` and the bracketed text as written (`'w*(…)'` when
    /// the bracket is not closed or the text is long).
    private func productText(_ name: String, openingAt opener: Int) -> String {
        var depth = 0
        for k in opener..<tokens.count {
            switch tokens[k].kind {
            case .open: depth += 1
            case .close:
                depth -= 1
                if depth == 0 {
                    let start = tokens[opener].column - 1, end = tokens[k].column
                    guard start < end, end <= characters.count, end - start <= 60 else { break }
                    return "'\(name)*\(FormulaError.escaped(String(characters[start..<end])))'"
                }
            case .end: break
            default: continue
            }
            if depth == 0 || tokens[k].kind == .end { break }
        }
        return "'\(name)*(…)'"
    }
}
