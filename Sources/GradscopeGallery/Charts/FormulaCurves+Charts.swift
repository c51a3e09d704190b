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
        MarkerLine(y: precision.greatestFiniteMagnitude, label: "\(precision.displayName) max \(NumberText.caption(precision.greatestFiniteMagnitude))")
    }

    /// "Float32 min subnormal 1.4e-45": below it a value of the format is 0.
    public static func underflow(of precision: Precision) -> MarkerLine {
        MarkerLine(y: precision.leastNonzeroMagnitude, label: "\(precision.displayName) min subnormal \(NumberText.caption(precision.leastNonzeroMagnitude))")
    }
}
