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
            table.append(row + [TerminalNumber.short(run.finalLoss)])
        }
        var text = "\n\nScaling recipes (FP8 training: casts at matrix-product inputs, Float32 accumulation and master weights)\n"
        text += "% of the values cast (rounded to 0.1; \"<0.1\" above 0), after scaling\n"
        text += table.rendered
        let events = runs.flatMap { run in run.events.map { "\(run.recipe.description): \($0)" } }
        if !events.isEmpty { text += "\n" + events.prefix(12).map { "• " + $0 }.joined(separator: "\n") }
        return text
    }
}

extension ScalingTable {
    /// The CSV columns added to the remedies table when a run used a recipe: per tensor kind the
    /// values cast and how many overflowed, flushed to zero, were subnormal, were already non-finite.
    static let csvColumns = TensorKind.allCases.flatMap { kind in
        ["values", "overflowed", "flushed_to_zero", "subnormal", "non_finite"].map { "\(kind.rawValue)_\($0)" }
    }

    /// The cells of ``csvColumns`` for one run (empty cells for a run without a recipe).
    static func csvCells(_ run: RemedyRun) -> [String] {
        guard let scaling = run.scaling else { return Array(repeating: "", count: csvColumns.count) }
        return TensorKind.allCases.flatMap { kind -> [String] in
            let c = scaling.counts[kind] ?? CastCounts()
            return [c.values, c.overflowed, c.flushedToZero, c.subnormal, c.nonFinite].map(String.init)
        }
    }

    /// `--log` columns for the per-tensor scales: `scale_w_1`, `scale_y_0`, `scale_grad_a_1`, … in
    /// the order of ``ScaledTrainingRun/tensorNames(depth:)``.
    static func logColumns(depth: Int) -> [(tensor: String, column: String)] {
        ScaledTrainingRun.tensorNames(depth: depth).map { name in
            let column = name.hasPrefix("W_") ? "scale_w_" + name.dropFirst(2)
                : name.hasPrefix("y_") ? "scale_y_" + name.dropFirst(2)
                : "scale_grad_a_" + name.dropFirst("∂L/∂a_".count)
            return (name, column)
        }
    }

    /// The log cells of one step: the scale each cast used, empty where the step has none.
    static func logCells(_ step: TrainingStep, columns: [(tensor: String, column: String)]) -> [String] {
        columns.map { column in step.castScales?[column.tensor].map { TrainingLog.cell(Double($0)) } ?? "" }
    }
}

/// `--format json`: what one recipe's casts did, per tensor kind, with its events.
struct ScalingJSON: Encodable {
    struct Kind: Encodable {
        var values, overflowed, flushedToZero, subnormal, nonFinite: Int
        var overflowedFraction, flushedToZeroFraction, subnormalFraction: Double

        init(_ c: CastCounts) {
            values = c.values
            overflowed = c.overflowed
            flushedToZero = c.flushedToZero
            subnormal = c.subnormal
            nonFinite = c.nonFinite
            overflowedFraction = c.overflowedFraction
            flushedToZeroFraction = c.flushedToZeroFraction
            subnormalFraction = c.subnormalFraction
        }
    }

    var recipe: String
    var weights, activations, gradients: Kind
    var finalLoss: Double
    var events: [String]

    init(_ run: ScaledTrainingRun) {
        recipe = run.recipe.name
        weights = Kind(run.counts[.weights] ?? CastCounts())
        activations = Kind(run.counts[.activations] ?? CastCounts())
        gradients = Kind(run.counts[.gradients] ?? CastCounts())
        finalLoss = run.finalLoss
        events = run.events
    }
}

extension ScalingTable {
    /// The `--log` scale columns: those of an MLP's tensors when a per-tensor recipe is among
    /// the remedies (`current`, `delayed`, `none` with s = 1), none otherwise.
    static func logColumns(for remedies: [Remedy], network: any TrainableNetwork) -> [(tensor: String, column: String)] {
        guard let mlp = network as? MLPNetwork,
              remedies.contains(where: { if case .scaling(let recipe) = $0 { recipe != .mx } else { false } }) else { return [] }
        return logColumns(depth: mlp.depth)
    }
}
