import ArgumentParser
import Foundation
import GradscopeGallery
import Synchronization

/// The one ``ExperimentProgress`` of CLI commands: a bar on stderr when stdout and stderr are
/// terminals (quiet when either is piped), and Ctrl-C handling.
///
/// - The first SIGINT (Ctrl-C) or SIGTERM turns ``isCancelled`` true: the experiment's long loops
///   see it at their next row, layer or step and throw `CancellationError`; ``run(interrupted:_:)``
///   then clears the bar, writes ONE line on stderr and exits with status 130 (SIGINT) or 143
///   (SIGTERM). Nothing is written after that, so no `--out` file (and no temp file) appears.
/// - A second signal means "now": the line is written and the process exits at once.
///
/// Wrap only the computation, and write outputs after it returns:
/// ```swift
/// let report = try CommandProgress.run { progress in
///     try PhaseExperiment(settings: settings).run(progress: progress)
/// }
/// try ReportOutput.emit(report, format: output.format, out: out)
/// ```
/// Signals are caught from `init` until ``finish()`` (which `run` calls); afterwards they have
/// their default effect again.
final class CommandProgress: ExperimentProgress, @unchecked Sendable {
    /// What stderr says when the run stops on a signal.
    let interruptedMessage: String
    private let bar: ProgressBar
    private let lock = NSLock()
    private var listening = false

    /// - Parameters:
    ///   - showsBar: draw the bar; by default only when stdout and stderr are both terminals.
    ///   - interruptedMessage: the one line written on stderr when a signal stops the run.
    init(showsBar: Bool = isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1,
         interruptedMessage: String = "Interrupted; nothing was written.") {
        self.interruptedMessage = interruptedMessage
        bar = ProgressBar(total: 100, enabled: showsBar)
        SignalFlag.listen(message: (showsBar ? "\r\u{1B}[K" : "") + interruptedMessage + "\n")
        listening = true
    }

    /// Redraws the bar: `done` of `total` units of `stage`.
    func update(stage: String, done: Int, total: Int) {
        guard !isCancelled else { return }
        bar.draw(done: done, of: total, label: "\(stage) \(done)/\(total)")
    }

    /// `true` once SIGINT or SIGTERM has arrived.
    var isCancelled: Bool { SignalFlag.received != 0 }

    /// The exit status for the signal received: 128 + its number (130 for SIGINT, 143 for SIGTERM).
    var exitStatus: Int32 { 128 + (SignalFlag.received == 0 ? SIGINT : SignalFlag.received) }

    /// Clears the bar and gives SIGINT and SIGTERM their default effect back. Idempotent.
    func finish() {
        lock.lock()
        let wasListening = listening
        listening = false
        lock.unlock()
        if wasListening { SignalFlag.stopListening() }
        bar.clear()
    }

    /// Runs `body` with a new progress and finishes it. When a signal arrived (whether `body` threw
    /// `CancellationError`, another error, or returned anyway), writes ``interruptedMessage`` on stderr
    /// and throws `ExitCode(130)` (143 for SIGTERM) so the caller writes nothing.
    /// - Parameter interrupted: the line written on stderr when stopped; the default says nothing was written.
    static func run<Result>(interrupted: String = "Interrupted; nothing was written.",
                            _ body: (CommandProgress) throws -> Result) throws -> Result {
        let progress = CommandProgress(interruptedMessage: interrupted)
        let result: Result
        do {
            result = try body(progress)
        } catch {
            progress.finish()
            try progress.exitIfCancelled()
            throw error
        }
        progress.finish()
        try progress.exitIfCancelled()
        return result
    }

    /// Writes ``interruptedMessage`` and throws `ExitCode(exitStatus)` if a signal arrived.
    func exitIfCancelled() throws {
        guard isCancelled else { return }
        FileHandle.standardError.write(Data((interruptedMessage + "\n").utf8))
        throw ExitCode(exitStatus)
    }
}

/// The process-wide record of SIGINT/SIGTERM, set by a plain signal handler (not a dispatch source:
/// the handler must run even while every worker thread of the pool is busy computing). The first
/// signal is stored; the second writes the prepared line with `write(2)` and `_exit`s, both
/// async-signal-safe.
enum SignalFlag {
    private static let signalNumber = Atomic<Int32>(0)
    /// The line for "now", prepared before the handler can run (a handler must not allocate).
    nonisolated(unsafe) private static var line: UnsafeMutableBufferPointer<UInt8>?

    /// The signal received since ``listen(message:)``, 0 for none.
    static var received: Int32 { signalNumber.load(ordering: .relaxed) }

    static func listen(message: String) {
        let bytes = Array(message.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        line?.deallocate()
        line = buffer
        signalNumber.store(0, ordering: .relaxed)
        for number in [SIGINT, SIGTERM] {
            signal(number) { number in
                let (exchanged, _) = SignalFlag.signalNumber.compareExchange(expected: 0, desired: number, ordering: .relaxed)
                guard !exchanged else { return }
                if let line = SignalFlag.line { _ = write(STDERR_FILENO, line.baseAddress, line.count) }
                _exit(128 + number)
            }
        }
    }

    static func stopListening() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
