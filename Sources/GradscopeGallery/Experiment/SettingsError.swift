import GradscopeNumerics

/// A setting whose value cannot be used, said in one whole sentence.
///
/// The Gallery names the setting without a face's spelling (`depth`), and each
/// face adds its own: the CLI says `--depth`, the server says `depth=`.
///
/// ```swift
/// throw SettingsError(setting: "depth", "must be an integer between 1 and 1000, got 5000.")
/// // CLI:  "--depth must be an integer between 1 and 1000, got 5000."
/// // HTTP: "depth must be an integer between 1 and 1000, got 5000."
/// ```
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setting's name as flags and query parameters share it (no dashes).
    public var setting: String?
    /// The rest of the sentence, ending with a period.
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

    /// The sentence with the setting spelt as `prefix` + name (`"--"` for the CLI, `""` for HTTP).
    public func sentence(settingPrefix prefix: String) -> String {
        if let formula, formula.unvaluedParameter != nil {
            return formula.sentence { prefix.isEmpty ? "param.\($0)=VALUE" : "\(prefix)param \($0)=VALUE" }
        }
        guard let setting else { return message }
        return "\(prefix)\(setting) \(message)"
    }

    public var description: String { sentence(settingPrefix: "") }
}
