import Foundation

/// Runs the built `gradscope` binary with `--out` in a fresh folder, interrupts it with SIGINT once
/// it has worked for a while, and returns the exit status, stderr and what the folder holds: the
/// Ctrl-C contract of commands without `--log` (exit 130, one line, no file at or beside `--out`).
enum InterruptedOutput {
    struct Outcome {
        var status: Int32
        var standardError: String
        /// Every file left in the folder of `--out` (the target, a temp file beside it…).
        var leftFiles: [String]
        /// Whether the run had finished on its own before the signal (then the test proves nothing).
        var finishedEarly: Bool
    }

    /// - Parameters:
    ///   - arguments: the command and its options, without `--out`.
    ///   - fileName: the `--out` file's name, e.g. `surface.json`.
    ///   - after: seconds to let it run before SIGINT.
    static func run(_ arguments: [String], out fileName: String, after seconds: Double = 1.5) throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = InterruptedRun.binary
        process.arguments = arguments + ["--out", folder.appendingPathComponent(fileName).path]
        let errorPipe = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorPipe
        try process.run()
        Thread.sleep(forTimeInterval: seconds)
        let finishedEarly = !process.isRunning
        process.interrupt()
        // A command that ignores the signal is killed after 30 s and reported with status -1.
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let stopped = !process.isRunning
        if !stopped { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return Outcome(status: stopped ? process.terminationStatus : -1, standardError: String(decoding: errorData, as: UTF8.self),
                       leftFiles: left, finishedEarly: finishedEarly)
    }
}
