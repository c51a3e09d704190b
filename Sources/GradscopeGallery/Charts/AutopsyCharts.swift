import GradscopeCharts
import GradscopeCore

/// Charts of an autopsy: loss and gradient norm per step, one line per remedy, and the
/// per-layer gradients of one step.
public enum AutopsyCharts {
    /// The loss per step on a log axis, one line per run (the baseline dark red). A NaN or
    /// infinite loss breaks the line and is marked where it starts.
    public static func loss(_ report: AutopsyReport, title: String? = nil) -> LineChart {
        perStep(report, title: title ?? "Loss per step: \(report.summary)", yLabel: "loss", value: \.loss)
    }

    /// The global gradient norm ‖∂L/∂θ‖ per step on a log axis, one line per run, with the
    /// precision's largest finite value when the norms come near it.
    public static func gradientNorm(_ report: AutopsyReport, title: String? = nil) -> LineChart {
        var chart = perStep(report, title: title ?? "Gradient norm per step", yLabel: "‖∂L/∂θ‖", value: \.gradientNorm)
        let values = chart.series.flatMap(\.ys).filter(\.isFinite).map(\.magnitude)
        chart.markers = MarkerLine.limits(of: report.precision, near: values)
        return chart
    }

    /// The gradient norm of each layer (group) at one step, against the layer, on a log
    /// axis with the precision's overflow and underflow lines: for chains, where each
    /// layer has only w and b, this is the per-layer view.
    public static func layerGradientNorms(_ run: TrainingRun, step: Int, groupNames: [String], precision: Precision, title: String) -> LineChart {
        let report = run.steps.first { $0.step == step } ?? run.steps[0]
        let xs = report.layerGradientNorms.indices.map { Double($0 + 1) }
        let series = Series(name: "‖∂L/∂θ_l‖ at step \(report.step)", xs: xs, ys: report.layerGradientNorms, colour: "#8B0000")
        return LineChart(title: title, caption: groupNames.count == xs.count ? "groups: \(groupNames.first ?? "") … \(groupNames.last ?? "")" : "",
                         xLabel: "layer", yLabel: "gradient norm", yScale: .log10, series: [series],
                         markers: MarkerLine.limits(of: precision, near: report.layerGradientNorms.filter(\.isFinite)))
    }

    /// TensorBoard-style histograms of each layer's gradients (30 buckets over [min, max] of
    /// the finite values of all layers); NaN and ±Inf are counted per row, not bucketed.
    public static func gradientHistograms(_ gradients: ParameterGroups<Double>, title: String, buckets: Int = 30) -> Histogram {
        let finite = gradients.values.flatMap { $0 }.filter(\.isFinite)
        var low = finite.min() ?? -1, high = finite.max() ?? 1
        if low == high { low -= 1; high += 1 }
        let rows = zip(gradients.names, gradients.values).enumerated().map { index, pair in
            Histogram.Row(label: pair.0, values: pair.1, buckets: buckets, range: low...high,
                          colour: Palette.depthColour(depth: index + 1, of: gradients.values.count))
        }
        return Histogram(title: title, xLabel: "gradient", range: low...high, rows: rows)
    }

    private static func perStep(_ report: AutopsyReport, title: String, yLabel: String, value: KeyPath<TrainingStep, Double>) -> LineChart {
        var series: [Series] = []
        for (index, remedyRun) in report.runs.enumerated() {
            guard let run = remedyRun.run, !run.steps.isEmpty else { continue }
            let colour: Colour = index == 0 ? "#8B0000" : Palette.categoricalColour(index - 1)
            series.append(Series(name: index == 0 ? "baseline" : remedyRun.remedy.description,
                                 xs: run.steps.map { Double($0.step) }, ys: run.steps.map { $0[keyPath: value].magnitude },
                                 colour: colour, dash: index == 0 ? nil : [6, 3]))
        }
        return LineChart(title: title, xLabel: "step", yLabel: yLabel, yScale: .log10, series: series)
    }
}
