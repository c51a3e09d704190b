import Foundation

/// Number formatting shared by every command: locale-free and deterministic.
enum NumberText {
    /// Up to 6 significant digits for tables: `512`, `0.000244141`, `1.23457e+38`, `inf`, `nan`.
    static func short(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }

    /// The shortest text that reads back as the same value in its own format (`inf`, `nan` for non-finite).
    static func exact<T: BinaryFloatingPoint & CustomStringConvertible>(_ value: T) -> String {
        value.description
    }
}
