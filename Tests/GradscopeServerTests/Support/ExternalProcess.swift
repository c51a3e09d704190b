import Foundation

/// Runs a helper program (Python, wrk) to completion without blocking Swift's cooperative
/// threads, killing it after `timeout` seconds.
struct ExternalProcess {
    var status: Int32
    var output: String

    static func run(_ arguments: [String], timeout: Double, environment: [String: String] = [:]) async throws -> ExternalProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? FileManager.default.removeItem(at: log) }
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error); return }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if process.isRunning { process.terminate() } }
        }
        try handle.close()
        return ExternalProcess(status: status, output: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// The first of `paths` that exists and is executable.
    static func find(_ paths: [String]) -> String? {
        paths.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A script in this test target's Resources folder.
    static func resource(_ name: String) -> String {
        let url = URL(fileURLWithPath: name)
        return Bundle.module.url(forResource: url.deletingPathExtension().lastPathComponent, withExtension: url.pathExtension, subdirectory: "Resources")!.path
    }

    /// Whether CI asks for every test to run (then a missing tool is a failure, not a skip).
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }
}
