import Foundation

/// Numbers for the terminal medium (tables and summaries): locale-free and deterministic.
///
/// CSV and JSON have their own spellings: CSV cells are the shortest round-trip text
/// (`inf`, `nan`), JSON uses ``ExperimentJSON`` ("Infinity", "NaN").
public enum TextNumber {
    /// Up to 6 significant digits: `512`, `0.000244141`, `1.23457e+38`, `inf`, `-inf`, `nan`.
    public static func short(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }
}
