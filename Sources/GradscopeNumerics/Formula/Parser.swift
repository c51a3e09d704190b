/// Recursive-descent parser from ``Token``s to a ``Formula/Expression``, one method per
/// rule of the grammar documented on ``Formula``.
struct Parser {
    private let tokens: [Token]
    private var index = 0

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses a whole formula, with its optional `y =` in front.
    static func parse(_ source: String) throws(FormulaError) -> Formula.Expression {
        var parser = Parser(tokens: try Lexer.tokens(in: source))
        return try parser.formula()
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

    private mutating func sum() throws(FormulaError) -> Formula.Expression {
        var left = try product()
        while true {
            switch current.kind {
            case .plus: _ = advance(); left = .binary(.add, left, try product())
            case .minus: _ = advance(); left = .binary(.subtract, left, try product())
            default: return left
            }
        }
    }

    private mutating func product() throws(FormulaError) -> Formula.Expression {
        var left = try unary()
        while true {
            switch current.kind {
            case .times: _ = advance(); left = .binary(.multiply, left, try unary())
            case .divide: _ = advance(); left = .binary(.divide, left, try unary())
            default: return left
            }
        }
    }

    private mutating func unary() throws(FormulaError) -> Formula.Expression {
        switch current.kind {
        case .minus: _ = advance(); return .negate(try unary())
        case .plus: _ = advance(); return try unary()
        case .number(let value) where tokens[index + 1].startsImplicitProduct:
            _ = advance()
            return .binary(.multiply, .number(value), try power())
        default: return try power()
        }
    }

    private mutating func power() throws(FormulaError) -> Formula.Expression {
        let base = try atom()
        guard case .caret = current.kind else { return base }
        _ = advance()
        return .binary(.power, base, try unary())
    }

    private mutating func atom() throws(FormulaError) -> Formula.Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return .number(value)
        case .name(let name):
            _ = advance()
            if case .open(let bracket) = current.kind, bracket != .square {
                return try call(name, at: token)
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
            return try group()
        case .fraction:
            _ = advance()
            guard case .open(.curly) = current.kind else { throw .missingOperand(after: token) }
            let numerator = try group()
            guard case .open(.curly) = current.kind else { throw .missingOperand(after: previous ?? token) }
            let denominator = try group()
            return .binary(.divide, numerator, denominator)
        default:
            throw missingOperand(at: token)
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
}
