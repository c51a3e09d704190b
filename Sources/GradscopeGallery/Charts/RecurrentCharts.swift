import GradscopeCharts
import GradscopeCore

/// Charts of recurrent training runs: the loss against the task's trivial baseline, the
/// gradient norm per step, and ‖∂L/∂h_t‖ over (training step, time step).
public enum RecurrentCharts {
    static let colours: [Colour] = ["#8B0000", "#1F77B4", "#FF7F0E", "#2CA02C", "#9467BD", "#8C564B"]

    /// Training loss (thin) and test loss (thick) per step on a log axis, one colour per run,
    /// with the baseline (1/6 for the adding problem) as a marker line. A non-finite loss breaks the line.
    public static func loss(_ runs: [(name: String, run: RecurrentTrainingRun)], title: String) -> LineChart {
        var series: [Series] = []
        for (k, (name, run)) in runs.enumerated() {
            let colour = colours[k % colours.count]
            series.append(Series(name: "\(name) (train)", xs: run.steps.map { Double($0.step) }, ys: run.steps.map(\.loss), colour: colour, dash: [2, 2]))
            let tested = run.steps.filter { $0.testLoss != nil }
            if !tested.isEmpty {
                series.append(Series(name: "\(name) (test)", xs: tested.map { Double($0.step) }, ys: tested.map { $0.testLoss! }, colour: colour))
            }
        }
        let baseline = runs.first?.run.baselineLoss ?? 1.0 / 6
        return LineChart(title: title, xLabel: "training step", yLabel: "loss", yScale: .log10, series: series,
                         markers: [MarkerLine(y: baseline, label: "trivial baseline \(NumberText.caption(baseline))")])
    }

    /// ‖∂L/∂θ‖ per step (before clipping) on a log axis, one colour per run.
    public static func gradientNorm(_ runs: [(name: String, run: RecurrentTrainingRun)], title: String = "Gradient norm per step (before clipping)") -> LineChart {
        let series = runs.enumerated().map { k, pair in
            Series(name: pair.name, xs: pair.run.steps.map { Double($0.step) }, ys: pair.run.steps.map(\.gradientNorm), colour: colours[k % colours.count])
        }
        return LineChart(title: title, xLabel: "training step", yLabel: "‖∂L/∂θ‖", yScale: .log10, series: series)
    }

    /// log10 ‖∂L/∂h_t‖ as colour over training step (x) and time step t (y), at most `columns` steps
    /// (evenly picked). Vanishing shows as a dark band at small t; exploding as bright.
    public static func stateGradientHeatmap(_ run: RecurrentTrainingRun, title: String, columns: Int = 200) -> Heatmap? {
        guard let first = run.steps.first, first.stateGradientNorms.count >= 2 else { return nil }
        let count = run.steps.count
        let picked = count <= columns ? Array(run.steps.indices) : (0..<columns).map { $0 * (count - 1) / (columns - 1) }
        let length = first.stateGradientNorms.count
        let values = (0..<length).map { t in picked.map { run.steps[$0].stateGradientNorms[t] } }
        let xLow = Double(run.steps[picked.first!].step), xHigh = Double(run.steps[picked.last!].step)
        return Heatmap(title: title, xLabel: "training step", yLabel: "time step t", valueLabel: "‖∂L/∂h_t‖", values: values,
                       xRange: xLow...max(xHigh, xLow + 1), yRange: 0...Double(length - 1), colourScale: .log10)
    }
}
