import GradscopeNumerics

/// Numbers in autopsy sentences: ``TerminalNumber/brief(_:)``, 3 significant digits,
/// `e` notation outside [1e−3, 1e5): `8`, `-0.0238`, `3.4e38`, `1.4e-45`, `Inf`, `-Inf`, `NaN`.
enum ShortNumber {
    static func text(_ value: Double) -> String { TerminalNumber.brief(value) }
}
