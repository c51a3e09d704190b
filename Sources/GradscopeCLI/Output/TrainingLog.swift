import Foundation
import GradscopeCore

/// `--log FILE.csv`: one row per training step of every run, written and flushed as it
/// comes (a `write(2)` per row under a lock), so an interrupted run leaves a complete,
/// valid CSV of the steps done.
///
/// Columns: run, step, loss, grad_norm, param_norm, loss_scale, skipped, params_finite,
/// then grad_norm_<group> and param_norm_<group> for each group (layer_1, …, or a parameter name).
final class TrainingLog: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    /// Creates (or empties) the file and writes the header.
    convenience init(path: String, groupNames: [String]) throws {
        try self.init(path: path, header: TrainingLog.header(groups: groupNames.map(TrainingLog.column)))
    }

    /// Creates (or empties) the file and writes `header` as its first line.
    init(path: String, header: String) throws {
        try OutputFile.checkTarget(path, option: "--log")
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CommandError("Cannot write --log '\(path)'. Check that its folder exists and is writable.")
        }
        self.handle = handle
        write(header)
    }

    static func header(groups: [String]) -> String {
        (["run", "step", "loss", "grad_norm", "param_norm", "loss_scale", "skipped", "params_finite"]
            + groups.map { "grad_norm_\($0)" } + groups.map { "param_norm_\($0)" }).joined(separator: ",")
    }

    /// "layer 1" → "layer_1"; anything but letters, digits and _ becomes _.
    static func column(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    }

    static func row(run: String, _ s: TrainingStep) -> String {
        ([run, String(s.step), cell(s.loss), cell(s.gradientNorm), cell(s.parameterNorm),
          s.lossScale.map(cell) ?? "", String(s.skipped), String(s.parametersFinite)]
            + s.layerGradientNorms.map(cell) + s.layerParameterNorms.map(cell)).joined(separator: ",")
    }

    /// Shortest round-trip text; `inf`, `-inf`, `nan` for non-finite values.
    static func cell(_ value: Double) -> String { value.isFinite ? "\(value)" : TerminalNumber.short(value) }

    /// Appends one line and hands it to the kernel before returning.
    func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data((line + "\n").utf8))
    }

    /// Waits for a row being written to finish, then keeps the lock so no other row starts.
    func finish() {
        lock.lock()
        try? handle.synchronize()
    }
}
