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
    /// Whether the token was written as a LaTeX command (`\pi`, `\frac`, `\text{relu}`): one TeX argument.
    var isCommand = false

    init(kind: Kind, column: Int, text: String, isCommand: Bool = false) {
        self.kind = kind
        self.column = column
        self.text = text
        self.isCommand = isCommand
    }

    /// Whether the token can start the second factor of an implied product (`2x`, `2(x+1)`,
    /// `2\frac{w}{2}`, `(x+1)(x-1)`, `2 3`): a name, a number, an opening bracket, `\frac`.
    var startsImplicitProduct: Bool {
        switch kind {
        case .name, .number, .open, .fraction: true
        default: false
        }
    }

    /// Whether an implied product may follow this token, the last of a factor: `)`, `}`,
    /// a number, or the constants `e` and `\pi` (`2x`, `(x+1)(x-1)`, `\frac{1}{2} x`, `2\pi x`).
    var endsImplicitFactor: Bool {
        switch kind {
        case .number, .close(.round), .close(.curly): true
        case .name(let name): name == "e" || name == "pi"
        default: false
        }
    }
}
