import Foundation
import RealModule
import GradscopeCharts
import GradscopeCore

extension FormulaCurves {
    /// y(x), one line per depth in the post's colours (pink, red, dark red for three depths).
    public func valueChart(title: String? = nil, caption: String = "") -> LineChart {
        LineChart(title: title ?? "y = \(formula)", caption: caption, xLabel: "x", yLabel: "y",
                  series: series(\.y))
    }

    /// |dy/dx| on a log axis, with the precision's largest finite value as a marker
    /// line when the slopes come within six decades of it (or overflow).
    public func slopeChart(title: String? = nil, caption: String = "") -> LineChart {
        let slopes = curves.flatMap { $0.dydx.map(\.magnitude) }
        let markers = MarkerLine.limits(of: precision, near: slopes)
        return LineChart(title: title ?? "|dy/dx| of \(formula)", caption: caption, xLabel: "x", yLabel: "|dy/dx|",
                         yScale: .log10, series: series { $0.dydx.map(\.magnitude) }, markers: markers)
    }

    func series(_ values: (Curve) -> [Double]) -> [Series] {
        curves.enumerated().map { i, curve in
            Series(name: curve.depth.map { "depth \($0)" } ?? "y", xs: x, ys: values(curve),
                   colour: Palette.depthColour(depth: i + 1, of: curves.count))
        }
    }
}

extension MarkerLine {
    /// The format's overflow and underflow lines that lie within six decades of the
    /// largest and smallest nonzero magnitudes (non-finite values count as reaching the top).
    public static func limits(of precision: Precision, near magnitudes: [Double]) -> [MarkerLine] {
        let nonzero = magnitudes.filter { $0 > 0 && !$0.isNaN }
        guard let top = nonzero.max(), let bottom = nonzero.min() else { return [] }
        var lines: [MarkerLine] = []
        if top >= precision.greatestFiniteMagnitude * 1e-6 { lines.append(.overflow(of: precision)) }
        if bottom <= precision.leastNonzeroMagnitude * 1e6 { lines.append(.underflow(of: precision)) }
        return lines
    }

    /// "Float32 max 3.4e38": the line above which a value of the format is +Inf.
    public static func overflow(of precision: Precision) -> MarkerLine {
        MarkerLine(y: precision.greatestFiniteMagnitude, label: "\(precision.displayName) max \(ChartNumber.short(precision.greatestFiniteMagnitude))")
    }

    /// "Float32 min subnormal 1.4e-45": below it a value of the format is 0.
    public static func underflow(of precision: Precision) -> MarkerLine {
        MarkerLine(y: precision.leastNonzeroMagnitude, label: "\(precision.displayName) min subnormal \(ChartNumber.short(precision.leastNonzeroMagnitude))")
    }
}

/// Numbers in captions and labels: at most 3 significant digits, `e` notation outside [1e−3, 1e5),
/// integers below 1e5 in full (`65504`), and the non-finite values as ``TerminalNumber`` spells them.
public enum ChartNumber {
    public static func short(_ value: Double) -> String {
        if !value.isFinite { return TerminalNumber.short(value) }  // inf, -inf, nan
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e-3, magnitude < 1e5 {
            if value == value.rounded() { return String(Int(value)) }
            var text = String(Double(String(format: "%.3g", value))!)
            if text.hasSuffix(".0") { text.removeLast(2) }
            return text
        }
        let exponent = Int((Double.log10(magnitude)).rounded(.down))
        var mantissa = value / Double.pow(10, Double(exponent))
        var e = exponent
        if abs(mantissa) >= 9.995 { mantissa /= 10; e += 1 }
        var m = String(format: "%.2g", mantissa)
        if m.contains("e") { m = String(format: "%.1f", mantissa) }
        return "\(m)e\(e)"
    }
}
