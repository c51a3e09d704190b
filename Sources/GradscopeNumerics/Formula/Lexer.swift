/// Splits formula text, plain or LaTeX, into ``Token``s that carry their column.
///
/// Numbers are `digits [. digits] [e[±]digits]`, also `.5` and `2.`; an `e` not
/// followed by digits is the constant e (`2e` is 2·e). Names are
/// `letter {letter | digit | _}`, with `_{…}` subscripts folded in (`w_{1}` is `w_1`).
/// `**` is `^`; `−`, `×`, `·`, `÷`, `π`, `σ` are read as their ASCII meaning; `$` is ignored.
struct Lexer {
    private let characters: [Character]
    private var index = 0

    init(_ source: String) {
        characters = Array(source)
    }

    /// All tokens, ending with `.end`.
    /// - Throws: ``FormulaError`` for a character or command that is not part of a formula, a number
    ///   too large for a Double, or a text longer than ``Formula/maxLength`` characters.
    static func tokens(in source: String) throws(FormulaError) -> [Token] {
        var lexer = Lexer(source)
        guard lexer.characters.count <= Formula.maxLength else {
            throw .tooLong(lexer.characters.count)
        }
        var tokens: [Token] = []
        while let token = try lexer.next() {
            tokens.append(token)
        }
        tokens.append(Token(kind: .end, column: lexer.characters.count + 1, text: "end of formula"))
        return tokens
    }

    private var current: Character? { index < characters.count ? characters[index] : nil }
    private func peek(_ offset: Int = 1) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    /// The next token, or nil at the end; spacing commands (`\,`, `\quad`) are skipped in a loop.
    private mutating func next() throws(FormulaError) -> Token? {
        while true {
            while let c = current, c.isWhitespace || c == "$" { index += 1 }
            guard current != nil else { return nil }
            if let token = try token() { return token }
        }
    }

    /// The token at `index`, or nil when the text there is only spacing.
    private mutating func token() throws(FormulaError) -> Token? {
        guard let c = current else { return nil }
        let start = index
        let column = start + 1
        func single(_ kind: Token.Kind) -> Token {
            index += 1
            return Token(kind: kind, column: column, text: String(c))
        }
        switch c {
        case "0"..."9", ".":
            return try number()
        case "+": return single(.plus)
        case "-", "−": return single(.minus)
        case "*", "×", "·", "⋅":
            if c == "*" && peek() == "*" {
                index += 2
                return Token(kind: .caret, column: column, text: "**")
            }
            return single(.times)
        case "/", "÷": return single(.divide)
        case "^": return single(.caret)
        case ",": return single(.comma)
        case "=": return single(.equals)
        case "(": return single(.open(.round))
        case ")": return single(.close(.round))
        case "{": return single(.open(.curly))
        case "}": return single(.close(.curly))
        case "[": return single(.open(.square))
        case "]": return single(.close(.square))
        case "π": return single(.name("pi"))
        case "σ": return single(.name("sigma"))
        case "\\": return try command()
        default:
            if c.isASCII && c.isLetter { return name() }
            throw .unexpectedCharacter(c, at: column)
        }
    }

    private mutating func number() throws(FormulaError) -> Token {
        let start = index
        func digits() { while let c = current, c.isASCII, c.isNumber { index += 1 } }
        digits()
        if current == "." { index += 1; digits() }
        if current == "e" || current == "E" {
            var lookahead = 1
            if peek() == "+" || peek() == "-" { lookahead = 2 }
            if let d = peek(lookahead), d.isASCII, d.isNumber {
                index += lookahead
                digits()
            }
        }
        let text = String(characters[start..<index])
        guard text != ".", let value = Double(text.hasSuffix(".") ? text + "0" : text) else {
            throw .unexpectedCharacter(characters[start], at: start + 1)
        }
        guard value.isFinite else { throw .numberTooLarge(text, at: start + 1) }
        return Token(kind: .number(value), column: start + 1, text: text)
    }

    private mutating func name() -> Token {
        let start = index
        while let c = current, c.isASCII, c.isLetter || c.isNumber || c == "_" {
            if c == "_" && peek() == "{" { break }
            index += 1
        }
        var name = String(characters[start..<index])
        name += subscriptSuffix()
        return Token(kind: .name(name), column: start + 1, text: name)
    }

    /// `_w`, `_{w}` or `_{\,w}` after a name, as `_w`; empty if there is none.
    private mutating func subscriptSuffix() -> String {
        guard current == "_" else { return "" }
        if peek() == "{" {
            var end = index + 2
            var inner = ""
            while end < characters.count, characters[end] != "}" {
                let c = characters[end]
                if c.isASCII && (c.isLetter || c.isNumber || c == "_") { inner.append(c) }
                end += 1
            }
            guard end < characters.count, !inner.isEmpty else { return "" }
            index = end + 1
            return "_" + inner
        }
        var inner = ""
        index += 1
        while let c = current, c.isASCII, c.isLetter || c.isNumber || c == "_" {
            inner.append(c)
            index += 1
        }
        return "_" + inner
    }

    /// A LaTeX command at a backslash, as its plain-math token (see ``LaTeX``), or nil for spacing.
    private mutating func command() throws(FormulaError) -> Token? {
        let column = index + 1
        index += 1
        guard let first = current else { throw .unexpectedCharacter("\\", at: column) }
        if !first.isLetter {
            index += 1
            switch first {
            case ",", ";", ":", "!", " ": return nil
            case "{": return Token(kind: .open(.curly), column: column, text: "\\{")
            case "}": return Token(kind: .close(.curly), column: column, text: "\\}")
            case "_": return nil
            default: throw .unexpectedCharacter(first, at: column + 1)
            }
        }
        let start = index
        while let c = current, c.isLetter { index += 1 }
        let command = String(characters[start..<index])
        if command == "operatorname", current == "*" { index += 1 }  // \operatorname*{argmax}; no other command takes a star
        let text = "\\" + command
        if LaTeX.nameWrappers.contains(command) {
            while let c = current, c.isWhitespace { index += 1 }
            guard current == "{" else { throw .unknownCommand(command, at: column) }
            index += 1
            var inner = ""
            while let c = current, c != "}" {
                if c.isASCII && (c.isLetter || c.isNumber || c == "_") { inner.append(c) }
                index += 1
            }
            guard current == "}" else {
                throw .unclosed(Token(kind: .open(.curly), column: start + command.count + 1, text: "{"), expecting: "}")
            }
            index += 1
            inner += subscriptSuffix()
            return Token(kind: .name(inner), column: column, text: inner, isCommand: true)
        }
        if LaTeX.names.contains(command) {
            let name = command + subscriptSuffix()
            return Token(kind: .name(name), column: column, text: name, isCommand: true)
        }
        if let kind = LaTeX.operators[command] {
            return Token(kind: kind, column: column, text: text, isCommand: true)
        }
        if LaTeX.bracketSizes.contains(command) {
            // The bracket itself is read here, not by recursion: `\left\left\left(` is an error, not a deep stack.
            while let c = current, c.isWhitespace { index += 1 }
            let kind: Token.Kind
            switch current {
            case ".": index += 1; return nil  // \left. is an invisible bracket
            case "(": kind = .open(.round)
            case ")": kind = .close(.round)
            case "[": kind = .open(.square)
            case "]": kind = .close(.square)
            case "\\" where peek() == "{": index += 1; kind = .open(.curly)
            case "\\" where peek() == "}": index += 1; kind = .close(.curly)
            default: throw .unknownCommand(command, at: column)
            }
            let bracket = characters[index]
            index += 1
            return Token(kind: kind, column: column, text: String(bracket))
        }
        if LaTeX.spaces.contains(command) { return nil }
        throw .unknownCommand(command, at: column)
    }
}
