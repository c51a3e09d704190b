import ArgumentParser
import GradscopeGallery

/// Every fixed set of names a flag takes (`--task`, `--model`, `--optimizer`, `--loss-scale`,
/// `--overflow`, `--loss`, `--format`…) is read ignoring letter case, by the rule the server's
/// query reads them with (``SettingsVocabulary/choice(named:as:)``): `--model LSTM` is `--model lstm`.
extension ExpressibleByArgument where Self: RawRepresentable & CaseIterable, RawValue == String {
    public init?(argument: String) {
        guard let value = SettingsVocabulary.choice(named: argument, as: Self.self) else { return nil }
        self = value
    }
}
