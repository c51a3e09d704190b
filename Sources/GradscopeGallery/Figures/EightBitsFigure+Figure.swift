import GradscopeCharts
import GradscopeCore

extension EightBitsFigure {
    /// The two tour figures: the chain's depths in nine formats, and the FP8 MLP's recipes.
    public var figures: [Figure] { [depthsFigure, recipesFigure] }

    /// "…-depths": predicted and observed overflow (w = 8) and underflow (w = 0.5) depths.
    public var depthsFigure: Figure {
        func cell(_ depth: Int?) -> DataTable.Cell { depth.map { .number(Double($0)) } ?? "never" }
        var table = DataTable(columns: ["precision", "largest_finite", "smallest_subnormal", "overflow_depth_predicted", "overflow_depth_observed",
                                        "underflow_depth_predicted", "underflow_depth_observed"],
                              headers: ["precision", "largest finite", "smallest nonzero", "overflow, w = 8 (predicted)", "(run)",
                                        "underflow, w = 0.5 (predicted)", "(run)"])
        for d in depths {
            table.append([.text(d.precision.displayName), .number(d.precision.greatestFiniteMagnitude), .number(d.precision.leastNonzeroMagnitude),
                          cell(d.overflow.predicted), cell(d.overflow.observed), cell(d.underflow.predicted), cell(d.underflow.observed)])
        }
        let narrow = depths.filter { Precision.narrowFormats.contains($0.precision) }
        func list(_ depth: KeyPath<Depths, Int?>) -> String {
            narrow.map { "\($0.precision.displayName) \($0[keyPath: depth].map(String.init) ?? "never")" }.joined(separator: ", ")
        }
        let agree = depths.allSatisfy { $0.overflow.predicted == $0.overflow.observed && $0.underflow.predicted == $0.underflow.observed }
        let over = OverflowForecaster(layer: ChainLayer(activation: .tanh, weight: 8), input: 0, maxDepth: 8)
        let under = OverflowForecaster(layer: ChainLayer(activation: .tanh, weight: 0.5), input: 0, maxDepth: 20)
        return Figure(
            id: EightBitsFigure.figureIDs[0], title: "Eight bits and fewer: where the post's chain leaves each format",
            explanation: "The same product of weights, in the formats today's large models train and serve in. float8_e4m3fn's largest number is 448, so the w = 8 chain's slope 8^L is past it at depth 3 (8³ = 512); with w = 0.5 the slope 2^−L rounds to zero after a handful of layers. The weight itself is rounded first: 8 does not fit float6_e2m3fn (max 7.5) or float4_e2m1fn (max 6), an overflow at depth 1.",
            charts: [
                ChainCharts.overflowDepths(over, through: 8, title: "log10 |dy_L/dx| of tanh(8·…) at x = 0, narrow formats' maxima",
                                           precisions: Precision.narrowFormats),
                ChainCharts.overflowDepths(under, through: 20, title: "log10 |dy_L/dx| of tanh(0.5·…) at x = 0, narrow formats' minima",
                                           precisions: Precision.narrowFormats),
            ],
            table: table,
            caption: "With w = 8 the slope overflows at depth \(list(\.overflow.observed)); with w = 0.5 it rounds to zero at depth \(list(\.underflow.observed)) — "
                + (agree ? "in all nine formats the depth predicted from Σ log|w·φ'| is the depth observed by running the chain." : "prediction and run differ in some format (see the table)."),
            data: table)
    }

    /// "…-recipes": the FP8 MLP with each scaling recipe: what the casts did per tensor kind and the loss per step.
    public var recipesFigure: Figure {
        var table = DataTable(columns: ["recipe", "weights_overflowed", "weights_flushed", "weights_subnormal", "activations_overflowed", "activations_flushed",
                                        "activations_subnormal", "gradients_overflowed", "gradients_flushed", "gradients_subnormal", "final_loss", "first_nan_step"],
                              headers: ["recipe", "W overflow", "W flushed", "W subnormal", "y overflow", "y flushed", "y subnormal",
                                        "∂L/∂a overflow", "∂L/∂a flushed", "∂L/∂a subnormal", "final loss", "first NaN loss"])
        var data = DataTable(columns: ["recipe", "step", "loss"])
        for run in runs {
            var row: [DataTable.Cell] = [.text(run.recipe.description)]
            for kind in TensorKind.allCases {
                let c = run.counts[kind] ?? CastCounts()
                row += [.number(c.overflowedFraction), .number(c.flushedToZeroFraction), .number(c.subnormalFraction)]
            }
            table.append(row + [.number(run.finalLoss), run.firstNaNStep.map { .number(Double($0)) } ?? "–"])
            for step in run.steps { data.append([.text(run.recipe.description), .number(Double(step.step)), .number(step.loss)]) }
        }
        let series = runs.enumerated().map { index, run in
            Series(name: run.recipe.description, xs: run.steps.map { Double($0.step) }, ys: run.steps.map { $0.loss.magnitude },
                   colour: Palette.categoricalColour(index))
        }
        let chart = LineChart(title: "Loss per step, width-\(settings.width) tanh MLP in FP8 (inputs ×\(TerminalNumber.short(settings.spikeFactor)) at step \(settings.spikeStep))",
                              xLabel: "step", yLabel: "loss", yScale: .log10, series: series)
        return Figure(
            id: EightBitsFigure.figureIDs[1], title: "Eight bits and fewer: which scaling recipe keeps FP8 training finite",
            explanation: "FP8 training casts only the inputs of each matrix product: weights and activations to float8_e4m3fn, gradients to float8_e5m2, with products accumulated and weights kept in Float32. Without a scale the small values flush to zero or lose bits as subnormals; current scaling takes each tensor's own maximum; delayed scaling (Transformer Engine) takes the maximum of past steps, and a spike it has not seen overflows; MX gives every block of 32 values its own power of two.",
            charts: [chart], table: table, caption: recipesCaption, data: data)
    }

    /// The recipes' caption, every number from the runs.
    var recipesCaption: String {
        func percent(_ x: Double) -> String { TerminalNumber.short((x * 1000).rounded() / 10) + " %" }
        var sentences: [String] = []
        if let plain = runs.first(where: { $0.recipe == .none }), let g = plain.counts[.gradients], let w = plain.counts[.weights] {
            sentences.append("Unscaled, \(percent(g.flushedToZeroFraction)) of the gradients flush to zero and \(percent(g.subnormalFraction)) are subnormal (weights: \(percent(w.flushedToZeroFraction)) and \(percent(w.subnormalFraction))).")
        }
        for run in runs where run.firstNaNStep != nil {
            let step = run.firstNaNStep!
            let cause = step == settings.spikeStep ? " — the step whose inputs spike ×\(TerminalNumber.short(settings.spikeFactor)), which its amax history had not seen" : ""
            sentences.append("\(run.recipe.description) turns the loss into NaN at step \(step)\(cause).")
        }
        let finite = runs.filter { $0.firstNaNStep == nil }
        if !finite.isEmpty {
            sentences.append("Finite through all \(settings.steps) steps: " + finite.map { "\($0.recipe.description) (final loss \(TerminalNumber.short($0.finalLoss)))" }.joined(separator: ", ") + ".")
        }
        return sentences.joined(separator: " ")
    }
}

extension ScaledTrainingRun {
    /// The first step whose loss was NaN, if any.
    var firstNaNStep: Int? { steps.first { $0.loss.isNaN }?.step }
}

extension EightBitsFigure {
    /// The ids of the section's figures, in order.
    public static let figureIDs = ["eight-bits-depths", "eight-bits-recipes"]
}

extension EightBitsFigure {
    /// The depths figure alone (the chain runs only).
    @Sendable public static func depthsFigure() -> Figure {
        EightBitsFigure(depths: chainDepths(), settings: RecipeSettings(), runs: []).depthsFigure
    }

    /// The recipes figure alone (the four training runs only).
    @Sendable public static func recipesFigure() -> Figure {
        let settings = RecipeSettings()
        return EightBitsFigure(depths: [], settings: settings, runs: recipeRuns(settings)).recipesFigure
    }
}
