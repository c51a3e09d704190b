import GradscopeNumerics
import RealModule

/// Numbers in autopsy sentences: 3 significant digits, `e` notation outside [1e−3, 1e5):
/// `8`, `-0.0238`, `3.4e38`, `1.4e-45`, `Inf`, `-Inf`, `NaN`.
enum ShortNumber {
    static func text(_ value: Double) -> String {
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
