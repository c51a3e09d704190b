import GradscopeCore

/// The autopsy's table of scaling recipes: per kind of tensor, what the casts did.
enum ScalingTable {
    /// Empty when no run used a recipe.
    static func text(_ report: AutopsyReport) -> String {
        let runs = report.runs.compactMap(\.scaling)
        guard !runs.isEmpty else { return "" }
        func percent(_ fraction: Double) -> String {
            fraction == 0 ? "0" : fraction < 0.0005 ? "<0.1" : String(format: "%.1f", fraction * 100)
        }
        var table = TextTable(["recipe"] + TensorKind.allCases.flatMap { ["\($0.rawValue): overflow", "flushed", "subnormal"] } + ["final loss"])
        for run in runs {
            var row = [run.recipe.description]
            for kind in TensorKind.allCases {
                let c = run.counts[kind] ?? CastCounts()
                row += [percent(c.overflowedFraction), percent(c.flushedToZeroFraction), percent(c.subnormalFraction)]
            }
            table.append(row + [NumberText.short(run.finalLoss)])
        }
        var text = "\n\nScaling recipes (FP8 training: casts at matrix-product inputs, Float32 accumulation and master weights)\n"
        text += "% of the values cast (rounded to 0.1; \"<0.1\" above 0), after scaling\n"
        text += table.rendered
        let events = runs.flatMap { run in run.events.map { "\(run.recipe.description): \($0)" } }
        if !events.isEmpty { text += "\n" + events.prefix(12).map { "• " + $0 }.joined(separator: "\n") }
        return text
    }
}
