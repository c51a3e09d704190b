import GradscopeCore

/// `gradscope train --log FILE.csv`: one row per training step, written and flushed as it comes
/// (through ``TrainingLog``), so an interrupted or NaN-stopped run leaves a complete CSV.
///
/// Columns: step, loss, grad_norm, clipped, test_loss, test_accuracy (empty when not evaluated or,
/// for accuracy, not a classification task), then
/// dl_dh_0 … dl_dh_T, the norms ‖∂L/∂h_t‖ over the batch.
final class RecurrentTrainingLog: Sendable {
    let log: TrainingLog

    init(path: String, length: Int) throws {
        log = try TrainingLog(path: path, header: Self.header(length: length))
    }

    static func header(length: Int) -> String {
        (["step", "loss", "grad_norm", "clipped", "test_loss", "test_accuracy"] + (0...length).map { "dl_dh_\($0)" }).joined(separator: ",")
    }

    static func cells(_ s: RecurrentTrainingStep) -> [String] {
        [String(s.step), TrainingLog.cell(s.loss), TrainingLog.cell(s.gradientNorm), String(s.clipped), s.testLoss.map(TrainingLog.cell) ?? "",
         s.testAccuracy.map(TrainingLog.cell) ?? ""]
            + s.stateGradientNorms.map(TrainingLog.cell)
    }

    func write(_ s: RecurrentTrainingStep) { log.write(Self.cells(s).joined(separator: ",")) }
}
