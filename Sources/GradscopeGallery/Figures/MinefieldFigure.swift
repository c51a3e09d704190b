import Foundation
import RealModule
import GradscopeCharts
import GradscopeCore

/// S3: the post's width-3 network `tanh(5·tanh(40x−5) − 5·tanh(40x) + 5·tanh(40x+5))`,
/// whose slope is steep in several places: "your parameter space could be a minefield".
enum MinefieldFigure {
    static let formula = "tanh(5*tanh(40*x-5) - 5*tanh(40*x+0) + 5*tanh(40*x+5))"

    /// The local maxima of |dy/dx| that reach at least a tenth of the largest.
    static func steepSlopes(xs: [Double], slopes: [Double]) -> [(x: Double, slope: Double)] {
        let magnitudes = slopes.map(\.magnitude)
        let top = magnitudes.max() ?? 0
        var peaks: [(x: Double, slope: Double)] = []
        for i in 1..<(xs.count - 1) {
            let m = magnitudes[i]
            let isPeak = m >= top / 10 && m > magnitudes[i - 1] && m >= magnitudes[i + 1]
            if isPeak { peaks.append((xs[i], slopes[i])) }
        }
        return peaks
    }

    static func make() -> Figure {
        let xs = evenlySpaced(-0.5...0.5, count: 2001)
        let evaluation = try! Formula(parsing: formula).evaluate(at: xs)
        let peaks = steepSlopes(xs: xs, slopes: evaluation.dydx)
        var table = DataTable(columns: ["x", "y", "dydx"], headers: ["x", "y", "dy/dx"])
        for p in peaks {
            let i = xs.firstIndex(of: p.x)!
            table.append([.number(p.x), .number(evaluation.y[i]), .number(p.slope)])
        }
        var data = DataTable(columns: ["x", "y", "dydx"])
        for i in xs.indices { data.append([.number(xs[i]), .number(evaluation.y[i]), .number(evaluation.dydx[i])]) }
        let colour = Palette.seedDepths[2]
        let charts = [
            LineChart(title: "y = tanh(5·tanh(40x−5) − 5·tanh(40x) + 5·tanh(40x+5))", xLabel: "x", yLabel: "y",
                      series: [Series(name: "y", xs: xs, ys: evaluation.y, colour: Colour(hex: colour))]),
            LineChart(title: "|dy/dx|, log scale", xLabel: "x", yLabel: "|dy/dx|", yScale: .log10,
                      series: [Series(name: "|dy/dx|", xs: xs, ys: evaluation.dydx.map(\.magnitude), colour: Colour(hex: colour))]),
        ]
        let places = peaks.map { "x ≈ \(NumberText.caption($0.x)) (|dy/dx| = \(NumberText.caption(abs($0.slope))))" }
        return Figure(
            id: "s3-minefield", system: .s3Minefield, title: "The minefield: a width-3 hidden layer under tanh",
            explanation: "If an earlier layer swings between −5 and 5 — here a hidden layer of three tanh units, 5·tanh(40x−5) − 5·tanh(40x) + 5·tanh(40x+5) — the tanh after it has a steep slope wherever that swing crosses zero. There is no single slope to avoid: the parameter space is a minefield.",
            charts: charts, table: table,
            caption: "\(peaks.count) steep slopes between x = −0.5 and 0.5: \(places.joined(separator: ", ")).",
            data: data)
    }
}
