import ArgumentParser
import GradscopeGallery
import GradscopeNumerics

extension Precision {
    /// `--precision` in any letter case (`Float32`, `FLOAT32`, `float32`), by the rule the server's
    /// query reads it with (``SettingsVocabulary/choice(named:as:)``).
    public init?(argument: String) {
        guard let precision = SettingsVocabulary.choice(named: argument, as: Precision.self) else { return nil }
        self = precision
    }
}
