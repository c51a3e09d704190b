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

    public init(setting: String?, _ message: String) {
        self.setting = setting
        self.message = message
    }

    /// The sentence with the setting spelt as `prefix` + name (`"--"` for the CLI, `""` for HTTP).
    public func sentence(settingPrefix prefix: String) -> String {
        guard let setting else { return message }
        return "\(prefix)\(setting) \(message)"
    }

    public var description: String { sentence(settingPrefix: "") }
}
