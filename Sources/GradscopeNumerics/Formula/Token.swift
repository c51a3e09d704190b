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

    /// Whether the token can follow a number as the second factor of an implicit
    /// product (`2x`, `2(x+1)`, `2\frac{w}{2}`): a name, an opening bracket, `\frac`.
    var startsImplicitProduct: Bool {
        switch kind {
        case .name, .open, .fraction: true
        default: false
        }
    }
}
