import GradscopeCore

/// The autopsy's `--log` columns of scaling recipes (the table, CSV and JSON are the Gallery's ``AutopsyExperiment``).
enum ScalingTable {}

extension ScalingTable {
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

extension ScalingTable {
    /// The `--log` scale columns: those of an MLP's tensors when a per-tensor recipe is among
    /// the remedies (`current`, `delayed`, `none` with s = 1), none otherwise.
    static func logColumns(for remedies: [Remedy], network: any TrainableNetwork) -> [(tensor: String, column: String)] {
        guard let mlp = network as? MLPNetwork,
              remedies.contains(where: { if case .scaling(let recipe) = $0 { recipe != .mx } else { false } }) else { return [] }
        return logColumns(depth: mlp.depth)
    }
}
