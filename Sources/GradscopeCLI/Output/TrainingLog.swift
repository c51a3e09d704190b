import Foundation

/// `--log FILE.csv`: one line per training step, written and flushed as it comes (a `write(2)`
/// per line under a lock), so an interrupted run leaves a complete, valid CSV of the steps done.
/// The lines are the Gallery's (``AutopsyExperiment/StepLog``, ``TrainExperiment/csvLine(_:)``).
final class TrainingLog: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    /// Creates (or empties) the file and writes `header` as its first line.
    init(path: String, header: String) throws {
        try OutputFile.checkTarget(path, option: "--log")
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CommandError("Cannot write --log '\(path)'. Check that its folder exists and is writable.")
        }
        self.handle = handle
        write(header)
    }

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
