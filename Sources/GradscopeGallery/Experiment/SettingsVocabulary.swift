import GradscopeNumerics

/// The words a face reads for settings whose types live in the core, so that a face (the
/// server) parses its query through the Gallery and never imports the core itself.
///
/// ```swift
/// let tanh = try SettingsVocabulary.activation(named: "tanh", setting: "activation")
/// SettingsVocabulary.closestName(to: "dept", among: ["depth", "x"])  // "depth"
/// ```
public enum SettingsVocabulary {
    /// The core's activation type, as a face names it.
    public typealias ActivationFunction = Activation

    /// The activation called `text` by any of its names (`tanh`, `logistic`…).
    /// - Throws: ``SettingsError`` for `setting` listing the known names, with a suggestion.
    public static func activation(named text: String, setting: String) throws(SettingsError) -> Activation {
        guard let activation = Activation(named: text) else {
            throw SettingsError(setting: nil, "\(setting): \(Activation.unknownNameMessage(text))")
        }
        return activation
    }

    /// The name among `candidates` closest to a mistyped `name` (edit distance), or nil when none is close.
    public static func closestName(to name: String, among candidates: some Sequence<String>) -> String? {
        NameSuggestion.closest(to: name, among: candidates)
    }
}
