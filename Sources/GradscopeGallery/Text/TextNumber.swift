import GradscopeNumerics

/// Numbers for the terminal medium (tables and summaries): ``TerminalNumber``, the one
/// terminal formatter, which the core's sentences use too.
///
/// CSV and JSON have their own spellings: CSV cells are ``CSVNumber`` (`inf`, `nan`),
/// JSON uses ``ExperimentJSON`` ("Infinity", "NaN").
public enum TextNumber {
    /// Up to 6 significant digits: `512`, `0.000244141`, `1.23457e+38`, `inf`, `-inf`, `nan`.
    public static func short(_ value: Double) -> String { TerminalNumber.short(value) }
}
