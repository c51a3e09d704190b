import Foundation
import RealModule

/// The one formatter of the terminal medium (tables, summaries and the sentences of the autopsy
/// and the inspection): locale-free and deterministic, two precisions, and one spelling of the
/// non-finite values, `inf`, `-inf` and `nan`, as PyTorch and numpy print them (a NaN of either
/// sign is `nan`). Words in prose ("First Inf", "the loss became NaN") are words, not numbers.
///
/// The other media have one formatter each: CSV cells are `CSVNumber` in the Gallery (shortest
/// round-trip text, `inf`, `-inf`, `nan`), JSON is `ExperimentJSON` (the strings "Infinity",
/// "-Infinity" and "NaN"), chart labels are `NumberText` in GradscopeCharts (`inf`, `-inf`, `nan`).
///
/// ```swift
/// TerminalNumber.short(0.000244140625)   // "0.000244141"
/// TerminalNumber.brief(3.4028234663852886e38)   // "3.4e38"
/// ```
public enum TerminalNumber {
    /// Up to 6 significant digits, for tables: `512`, `0.000244141`, `1.23457e+38`, `inf`, `-inf`, `nan`.
    /// Integers below 10¹⁵ are written out in full (`1048576`).
    public static func short(_ value: Double) -> String {
        if !value.isFinite { return nonFinite(value) }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }

    /// 3 significant digits, for sentences, `e` notation outside [1e−3, 1e5):
    /// `8`, `-0.0238`, `3.4e38`, `1.4e-45`, `1e5` (99999.9 rounds up), `0` for ±0, `4.94e-324` for
    /// Double's least subnormal, `1.8e308` for its greatest finite value, and for the
    /// non-finite values `inf`, `-inf`, `nan`, as ``short(_:)`` spells them.
    public static func brief(_ value: Double) -> String {
        if !value.isFinite { return nonFinite(value) }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        var exponent = Int(Double.log10(value.magnitude).rounded(.down))
        // 10^(exponent − 2) is subnormal or 0 below 1e−305 (Double's subnormals would divide by 0):
        // scale those values by 10³⁰⁰ first, exactly as the power is.
        let scale = exponent < -305 ? 300 : 0
        let magnitude = scale == 0 ? value.magnitude : value.magnitude * Double.pow(10, Double(scale))
        var digits = (magnitude / Double.pow(10, Double(exponent + scale - 2))).rounded()  // 100…1000
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

    /// `inf`, `-inf`, or `nan` whatever the NaN's sign bit and payload.
    private static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "nan" : value > 0 ? "inf" : "-inf"
    }

    /// `8.0` → `8`, `0.0238` stays.
    private static func plain(_ v: Double) -> String {
        if v == v.rounded(), v.magnitude < 1e15 { return String(Int64(v)) }
        return v.description
    }
}
