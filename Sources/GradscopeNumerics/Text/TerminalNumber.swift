import Foundation
import RealModule

/// Numbers for the terminal medium (tables, summaries and sentences): locale-free and deterministic.
///
/// CSV and JSON have their own spellings: CSV cells are the shortest round-trip text
/// (`inf`, `-inf`, `nan`), JSON writes the strings "Infinity", "-Infinity" and "NaN".
///
/// ```swift
/// TerminalNumber.short(0.000244140625)   // "0.000244141"
/// TerminalNumber.brief(3.4028234663852886e38)   // "3.4e38"
/// ```
public enum TerminalNumber {
    /// Up to 6 significant digits, for tables: `512`, `0.000244141`, `1.23457e+38`, `inf`, `-inf`, `nan`.
    /// Integers below 10¹⁵ are written out in full (`1048576`).
    public static func short(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }

    /// 3 significant digits, for sentences, `e` notation outside [1e−3, 1e5):
    /// `8`, `-0.0238`, `3.4e38`, `1.4e-45`, `1e5` (99999.9 rounds up), and for the
    /// non-finite values `Inf`, `-Inf`, `NaN` (the autopsy's and the inspection's sentences).
    public static func brief(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        var exponent = Int(Double.log10(value.magnitude).rounded(.down))
        var digits = (value.magnitude / Double.pow(10, Double(exponent - 2))).rounded()  // 100…1000
        if digits >= 1000 { digits /= 10; exponent += 1 }
        if digits < 100 { digits *= 10; exponent -= 1 }
        let integer = Int(digits)
        if exponent >= -3, exponent < 5 {
            let shift = exponent - 2
            let v = shift >= 0 ? Double(integer) * Double.pow(10, Double(shift)) : Double(integer) / Double.pow(10, Double(-shift))
            return sign + plain(v)
        }
        return sign + plain(Double(integer) / 100) + "e\(exponent)"
    }

    /// `8.0` → `8`, `0.0238` stays.
    private static func plain(_ v: Double) -> String {
        if v == v.rounded(), v.magnitude < 1e15 { return String(Int64(v)) }
        return v.description
    }
}
