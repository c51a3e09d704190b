import GradscopeCharts
import GradscopeCore

/// The shape of the post's first figures: a single-unit chain drawn at depths
/// 1, 2, 3 (pink, red, dark red) over x, beside |dy/dx| on a log axis.
struct ChainDepthsFigure {
    var chain: Chain
    var xs: [Double]
    var sweep: ChainSweep<Double>

    init(chain: Chain, xs: [Double]) {
        self.chain = chain
        self.xs = xs
        self.sweep = chain.sweep(over: xs)
    }

    /// `dy_l/dx` at the grid point nearest to `x`.
    func slope(depth: Int, at x: Double) -> Double {
        sweep.slopes(atDepth: depth)[sweep.slopes(atDepth: depth).startIndex + index(of: x)]
    }

    /// `y_l` at the grid point nearest to `x`.
    func value(depth: Int, at x: Double) -> Double {
        sweep.outputs(atDepth: depth)[sweep.outputs(atDepth: depth).startIndex + index(of: x)]
    }

    func index(of x: Double) -> Int {
        xs.indices.min { abs(xs[$0] - x) < abs(xs[$1] - x) }!
    }

    func series(_ values: (Int) -> [Double]) -> [Series] {
        (1...chain.depth).map { Series(name: "depth \($0)", xs: xs, ys: values($0), colour: Palette.depthColour(depth: $0, of: chain.depth)) }
    }

    func valueChart(title: String) -> LineChart {
        LineChart(title: title, xLabel: "x", yLabel: "y", series: series { Array(sweep.outputs(atDepth: $0)) })
    }

    func slopeChart(title: String) -> LineChart {
        LineChart(title: title, xLabel: "x", yLabel: "|dy/dx|", yScale: .log10,
                  series: series { sweep.slopes(atDepth: $0).map(\.magnitude) })
    }

    /// The figure: `y` at every depth (titled `valueTitle`) beside |dy/dx| on a log axis, with the
    /// sweep as its data; `table` is usually a ``depthTable(_:headers:_:)``.
    func figure(id: String, system: SeedSystem, title: String, explanation: String, valueTitle: String,
                table: DataTable, caption: String) -> Figure {
        Figure(id: id, system: system, title: title, explanation: explanation,
               charts: [valueChart(title: valueTitle), slopeChart(title: "|dy/dx|, log scale")], table: table, caption: caption, data: data)
    }

    /// One row per depth 1, 2, …: the depth, then the depth's entry of each of `columns`.
    static func depthTable(_ names: [String], headers: [String], _ columns: [Double]...) -> DataTable {
        var table = DataTable(columns: names, headers: headers)
        for l in columns[0].indices { table.append([.number(Double(l + 1))] + columns.map { .number($0[l]) }) }
        return table
    }

    /// Every (depth, x, y, dy/dx) of the sweep.
    var data: DataTable {
        var table = DataTable(columns: ["depth", "x", "y", "dydx"])
        for l in 1...chain.depth {
            for (i, (y, d)) in zip(sweep.outputs(atDepth: l), sweep.slopes(atDepth: l)).enumerated() {
                table.append([.number(Double(l)), .number(xs[i]), .number(y), .number(d)])
            }
        }
        return table
    }
}

/// Evenly spaced points, both ends included: `lower + (upper − lower)·i/(count − 1)`.
func evenlySpaced(_ range: ClosedRange<Double>, count: Int) -> [Double] {
    (0..<count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(count - 1) }
}
