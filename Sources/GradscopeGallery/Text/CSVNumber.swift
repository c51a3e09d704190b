/// Numbers for the CSV medium: the shortest text that reads back to the same value in its
/// own format (`0.1` for Float 0.1, `65504.0` for Float16's maximum), and the non-finite
/// values spelt one way whatever their sign bit or payload: `nan`, `inf`, `-inf`.
///
/// Swift's own description prints a NaN with its sign set as `-nan`; CSV never does.
public enum CSVNumber {
    public static func text<T: FloatingPoint>(_ value: T) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }
}
