import GradscopeCharts
import GradscopeCore

/// Pascanu's cliff (issue 5, item 3): the loss surface of the single-unit RNN over (w, b),
/// its wall, and gradient descent with and without norm clipping.
public enum CliffFigure {
    /// The figure of an experiment (Pascanu's Fig. 6 setting by default), computed in Double.
    public static func make(_ experiment: CliffExperiment = .pascanu) -> Figure {
        let result = experiment.run(in: Double.self)
        let cliff = SurfaceCharts.cliff(result)
        var table = DataTable(columns: ["run", "longest_step", "from_w", "from_b", "gradient_norm_there", "end_w", "end_b",
                                        "end_loss", "clipped_steps"],
                              headers: ["run", "longest step", "from w", "from b", "‖∇L‖ there", "end w", "end b",
                                        "end loss", "clipped steps"])
        var data = DataTable(columns: ["run", "step", "w", "b", "loss", "dloss_dw", "dloss_db", "gradient_norm", "step_length",
                                       "clipped"])
        for (name, path) in [("unclipped", result.unclipped), ("clipped", result.clipped)] {
            let longest = path.steps.max { $0.stepLength < $1.stepLength }!, last = path.steps.last!
            table.append([.text(name), .number(path.longestStep), .number(longest.w), .number(longest.b),
                          .number(longest.gradientNorm), .number(last.w), .number(last.b), .number(last.loss),
                          .number(Double(path.clippedCount))])
            for s in path.steps {
                data.append([.text(name), .number(Double(s.iteration)), .number(s.w), .number(s.b), .number(s.loss),
                             .number(s.dLossDW), .number(s.dLossDB), .number(s.gradientNorm), .number(s.stepLength),
                             .number(s.clipped ? 1 : 0)])
            }
        }
        return Figure(
            id: "cliff", title: "The cliff: Pascanu's loss surface of a one-unit RNN, with and without clipping",
            explanation: "A recurrent unit x_t = w·σ(x_{t−1}) + b run for 50 steps has two stable states for large w; which one it ends in jumps at a wall in the (w, b) plane. On the wall the gradient explodes, and a plain gradient step taken there throws the parameters far away. Clipping the gradient's norm (Pascanu et al. 2013, Algorithm 1) bounds every step. The whole grid is `gradscope surface --format csv`.",
            charts: cliff.charts, table: table, caption: cliff.caption, data: data)
    }
}
