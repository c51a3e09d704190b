/// How a face spells a setting, alone or with a value: the CLI as a flag (`--steps`,
/// `--precision float16`, `--formula 'tanh(w*x + b)'`), the server as a query parameter (`steps`,
/// `precision=float16`, `param.w=8`).
///
/// The Gallery writes a setting inside a ``SettingsError``'s sentence as a mark,
/// `"Lower \(setting: "steps")."`, and the face's spelling renders the marks.
/// Marks are private-use characters (U+E000…U+E002), which no setting's name, value or user
/// text written into a sentence is expected to hold.
public struct SettingsSpelling: Sendable {
    private let spelling: @Sendable (_ name: String, _ value: String?) -> String

    /// A face's spelling of a setting's `name`, and of its `value` when the sentence gives one.
    public init(spell: @escaping @Sendable (_ name: String, _ value: String?) -> String) {
        spelling = spell
    }

    /// The setting `name` (with `value`, when given) as this face spells it.
    public func spell(_ name: String, value: String?) -> String { spelling(name, value) }

    /// The command line's spelling: `--name`, `--name value`, a value holding anything but
    /// letters, digits and `=._,:+-/` in single quotes (`--formula 'tanh(w*x + b)'`).
    public static let commandLine = SettingsSpelling { name, value in
        guard let value else { return "--\(name)" }
        let plain = value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "=._,:+-/".contains($0)) }
        return "--\(name) \(plain ? value : "'\(value)'")"
    }

    /// The query's spelling: `name`, `name=value`; a formula parameter's value `param w=8` is `param.w=8`.
    public static let query = SettingsSpelling { name, value in
        guard let value else { return name }
        if name == "param", let equals = value.firstIndex(of: "=") {
            return "param.\(value[..<equals])\(value[equals...])"
        }
        return "\(name)=\(value)"
    }

    static let open: Character = "\u{E000}", separator: Character = "\u{E001}", close: Character = "\u{E002}"

    /// The mark of a setting inside a sentence, rendered by each face's spelling.
    public static func marked(_ name: String, value: String? = nil) -> String {
        "\(open)\(name)\(value.map { "\(separator)\($0)" } ?? "")\(close)"
    }

    /// `text` with every mark replaced by its spelling (an unclosed mark is kept as it is).
    public func render(_ text: String) -> String {
        guard text.contains(Self.open) else { return text }
        var result = "", rest = Substring(text)
        while let start = rest.firstIndex(of: Self.open), let end = rest[start...].firstIndex(of: Self.close) {
            result += rest[..<start]
            let inner = rest[rest.index(after: start)..<end]
            if let split = inner.firstIndex(of: Self.separator) {
                result += spell(String(inner[..<split]), value: String(inner[inner.index(after: split)...]))
            } else {
                result += spell(String(inner), value: nil)
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}

extension DefaultStringInterpolation {
    /// A setting named inside a ``SettingsError``'s sentence, which each face spells:
    /// `"Lower \(setting: "steps")."` reads "Lower --steps." on the command line and "Lower steps." over HTTP.
    public mutating func appendInterpolation(setting name: String, value: String? = nil) {
        appendLiteral(SettingsSpelling.marked(name, value: value))
    }
}
