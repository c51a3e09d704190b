import ArgumentParser
import Dispatch
import Foundation
import GradscopeGallery

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
    private var signalNumber: Int32?
    private var sources: [any DispatchSourceSignal] = []

    /// - Parameters:
    ///   - showsBar: draw the bar; by default only when stdout and stderr are both terminals.
    ///   - interruptedMessage: the one line written on stderr when a signal stops the run.
    init(showsBar: Bool = isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1,
         interruptedMessage: String = "Interrupted; nothing was written.") {
        self.interruptedMessage = interruptedMessage
        bar = ProgressBar(total: 100, enabled: showsBar)
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.received(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Redraws the bar: `done` of `total` units of `stage`.
    func update(stage: String, done: Int, total: Int) {
        guard !isCancelled else { return }
        bar.draw(done: done, of: total, label: "\(stage) \(done)/\(total)")
    }

    /// `true` once SIGINT or SIGTERM has arrived.
    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return signalNumber != nil
    }

    /// The exit status for the signal received: 128 + its number (130 for SIGINT, 143 for SIGTERM).
    var exitStatus: Int32 {
        lock.lock()
        defer { lock.unlock() }
        return 128 + (signalNumber ?? SIGINT)
    }

    /// Clears the bar and gives SIGINT and SIGTERM their default effect back. Idempotent.
    func finish() {
        lock.lock()
        let stopping = sources
        sources = []
        lock.unlock()
        for source in stopping { source.cancel() }
        if !stopping.isEmpty {
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        bar.clear()
    }

    /// The first signal asks the loops to stop; the second one exits now.
    private func received(_ number: Int32) {
        lock.lock()
        let second = signalNumber != nil
        if !second { signalNumber = number }
        lock.unlock()
        guard second else { return }
        bar.clear()
        FileHandle.standardError.write(Data((interruptedMessage + "\n").utf8))
        Foundation.exit(128 + number)
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
