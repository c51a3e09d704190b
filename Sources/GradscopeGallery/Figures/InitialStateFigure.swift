import Foundation
import RealModule
import GradscopeCharts
import GradscopeCore

/// S8: a tanh RNN kept off the slope by a large initial state or a small state weight.
/// The gradient through T steps of the single unit `h_t = tanh(w·h_{t−1})` is the 1 × 1
/// Jacobian product ``ElmanCell/stateJacobians(from:inputs:)`` from h_0.
enum InitialStateFigure {
    static let probes = [0.0, 0.25, 0.5, 1.0, 2.0]

    /// ∂h_t/∂h_0 for t = 1…steps of one tanh unit with weight w, from h_0.
    static func gradients(weight: Double, from h0: Double, steps: Int) -> [Double] {
        ElmanCell<Double>(activation: .tanh, weight: weight).stateJacobians(from: [h0], inputs: Array(repeating: [], count: steps)).map { $0[0, 0] }
    }

    static func make() -> Figure {
        let xs = evenlySpaced(-3...3, count: 601)
        let steps = 3
        let large = xs.map { gradients(weight: 8, from: $0, steps: steps) }
        let small = xs.map { gradients(weight: 0.5, from: $0, steps: steps) }
        let series = (1...steps).map { t in
            Series(name: "w = 8, T = \(t)", xs: xs, ys: large.map { $0[t - 1].magnitude }, colour: Palette.depthColour(depth: t, of: steps))
        } + [Series(name: "w = 0.5, T = 3", xs: xs, ys: small.map { $0[steps - 1].magnitude }, colour: "#1F77B4", dash: [6, 4])]
        let chart = LineChart(title: "|∂h_T/∂h_0| of h_t = tanh(w·h_{t−1}) against the initial state h_0", xLabel: "initial state h_0",
                              yLabel: "|∂h_T/∂h_0|", yScale: .log10, series: series)
        func gradient(_ weight: Double, at h0: Double) -> Double { gradients(weight: weight, from: h0, steps: steps)[steps - 1] }
        var table = DataTable(columns: ["h0", "gradient_w8_T3", "gradient_w0_5_T3"], headers: ["h_0", "∂h_3/∂h_0, w = 8", "∂h_3/∂h_0, w = 0.5"])
        for h0 in probes { table.append([.number(h0), .number(gradient(8, at: h0)), .number(gradient(0.5, at: h0))]) }
        var data = DataTable(columns: ["h0", "w8_t1", "w8_t2", "w8_t3", "w0_5_t3"])
        for i in xs.indices {
            data.append([.number(xs[i])] + (0..<steps).map { .number(large[i][$0]) } + [.number(small[i][steps - 1])])
        }
        return Figure(
            id: "s8-initial-state", system: .s8InitialState, title: "Staying off the slope: the initial state of a tanh RNN",
            explanation: "The post suggests keeping a tanh RNN off its steep middle slope with very small state weights or very large initial states. Both work on the gradient through time — and the second has the cost the post mentions: the gradient that would teach the initial state vanishes too.",
            charts: [chart], table: table,
            caption: "Through 3 steps with w = 8 the gradient is \(NumberText.caption(gradient(8, at: 0))) at h_0 = 0 but \(NumberText.caption(gradient(8, at: 1))) at h_0 = 1 and \(NumberText.caption(gradient(8, at: 2))) at h_0 = 2; with w = 0.5 it is at most \(NumberText.caption(gradient(0.5, at: 0))) = 0.5³ everywhere.",
            data: data)
    }
}
