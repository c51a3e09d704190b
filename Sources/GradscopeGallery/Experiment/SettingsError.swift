import GradscopeNumerics

/// A setting whose value cannot be used, said in one whole sentence.
///
/// The Gallery names settings without a face's spelling (`depth`), and each face adds its own
/// (``SettingsSpelling``): the CLI says `--depth`, the server says `depth`. A setting named inside
/// the sentence is written `\(setting: "steps")` (or `\(setting: "precision", value: "float16")`)
/// so that each face spells it too.
///
/// ```swift
/// throw SettingsError(setting: "depth", "must be an integer between 1 and 1000, got 5000.")
/// // CLI:  "--depth must be an integer between 1 and 1000, got 5000."
/// // HTTP: "depth must be an integer between 1 and 1000, got 5000."
/// throw SettingsError(setting: "loss-scale", "dynamic needs \(setting: "precision", value: "float16").")
/// // CLI:  "--loss-scale dynamic needs --precision float16."
/// // HTTP: "loss-scale dynamic needs precision=float16."
/// ```
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setting's name as flags and query parameters share it (no dashes).
    public var setting: String?
    /// The rest of the sentence, ending with a period; settings named inside it are marked
    /// (``SettingsSpelling/marked(_:value:)``) until a face spells them.
    public var message: String

    /// A formula error whose fix is a parameter's value: each face spells how to give one.
    public var formula: FormulaError?

    public init(setting: String?, _ message: String) {
        self.setting = setting
        self.message = message
    }

    /// A formula's error; when a parameter has no value, the sentence says how the face passes it
    /// (`--param w=VALUE` on the command line, `param.w=VALUE` in a query).
    public init(_ error: FormulaError) {
        self.init(setting: nil, error.description)
        formula = error
    }

    /// The sentence with every setting, the leading one and those named inside, spelt by `spelling`.
    public func sentence(_ spelling: SettingsSpelling) -> String {
        if let formula, formula.unvaluedParameter != nil {
            return formula.sentence { spelling.spell("param", value: "\($0)=VALUE") }
        }
        let rest = spelling.render(message)
        guard let setting else { return rest }
        return "\(spelling.spell(setting, value: nil)) \(rest)"
    }

    /// The sentence as the query spells it (bare names).
    public var description: String { sentence(.query) }
}
