import Foundation

/// Runs the built `gradscope` binary with a `--log` file, interrupts it with SIGINT once the log
/// has grown, and returns the exit status and the log: the Ctrl-C contract of long runs.
enum InterruptedRun {
    /// `.build/debug/gradscope`, built by `swift build --build-tests` before the tests run.
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/gradscope")

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    /// - Parameter arguments: the command and its options, without `--log`.
    static func run(_ arguments: [String], interruptAfter bytes: Int = 4000) throws -> (status: Int32, log: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-log-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments + ["--log", log.path]
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, ((try? Data(contentsOf: log))?.count ?? 0) < bytes { Thread.sleep(forTimeInterval: 0.1) }
        process.interrupt()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
    }
}
