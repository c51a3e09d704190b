import GradscopeCore

extension AutopsyFigure {
    /// The autopsy as a tour figure: the loss and gradient-norm charts, the remedies
    /// table, and every run's per-step loss and gradient norm as data.
    public var figure: Figure {
        var table = DataTable(columns: ["remedy", "final_loss", "max_gradient_norm", "stayed_finite", "first_non_finite_step"],
                              headers: ["remedy", "final loss", "max ‖∂L/∂θ‖", "stayed finite", "first non-finite step"])
        var data = DataTable(columns: ["remedy", "step", "loss", "gradient_norm"])
        for run in report.runs {
            let steps = run.run?.steps ?? []
            table.append([.text(run.remedy.description), .number(run.run?.finalLoss ?? .nan), .number(run.run?.maxGradientNorm ?? .nan),
                          .text(run.run?.stayedFinite == true ? "yes" : "no"),
                          run.run?.firstNonFiniteStep.map { .number(Double($0)) } ?? "–"])
            for step in steps {
                data.append([.text(run.remedy.description), .number(Double(step.step)), .number(step.loss), .number(step.gradientNorm)])
            }
        }
        return Figure(
            id: "autopsy-tanh-chain", title: title,
            explanation: "The post's title asks why a network gives NaNs. Here is the answer for its own network: the w = 8 tanh chain, 50 layers deep (past Float32's overflow depth of 43), trained by gradient descent on points that include x = 0. Every operation is checked for Inf and NaN, forward and backward, and the same run is replayed with each remedy.",
            charts: charts, table: table, caption: caption, data: data)
    }
}

extension Tour {
    /// The ids of the diagnostic figures, in order.
    public static let diagnosticFigureIDs = ["autopsy-tanh-chain"]

    /// "Why it gives NaNs": the autopsy of the post's chain.
    public static func diagnosticFigures() -> [Figure] {
        [AutopsyFigure.tanhChain().figure]
    }
}
