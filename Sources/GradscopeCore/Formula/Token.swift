/// One lexical token of a formula, with the 1-based column where it starts in the
/// user's original text and the text as written there (for error messages).
struct Token: Hashable, Sendable {
    enum Bracket: Hashable, Sendable {
        case round, curly, square

        var opener: String { self == .round ? "(" : self == .curly ? "{" : "[" }
        var closer: String { self == .round ? ")" : self == .curly ? "}" : "]" }
    }

    enum Kind: Hashable, Sendable {
        case number(Double)
        case name(String)
        case plus, minus, times, divide, caret, comma, equals
        case open(Bracket), close(Bracket)
        /// LaTeX `\frac`, followed by two `{…}` groups.
        case fraction
        case end
    }

    var kind: Kind
    var column: Int
    var text: String

    /// Whether the token can start an operand (a number, a name, an opening bracket, `\frac`).
    var startsOperand: Bool {
        switch kind {
        case .number, .name, .open, .fraction: true
        default: false
        }
    }
}
