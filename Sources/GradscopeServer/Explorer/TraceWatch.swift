import Foundation
import Synchronization
import GradscopeGallery

/// The trace `gradscope serve --trace FILE` shows: ``InspectExperiment`` run once at start-up, and again
/// when a request comes more than `refreshSeconds` after the last read, so a trace the probe is still
/// writing refreshes in the page. The experiment opens the trace read-only: nothing here writes to it.
///
/// ```swift
/// let watch = try TraceWatch(path: "run.gstrace")   // throws the reader's one-line error for a bad trace
/// let report = watch.current().report              // re-read at most every 2 s
/// ```
///
/// A re-read that fails (the file moved, a writer that broke it) keeps the last good report and returns
/// the reader's message beside it, so the page says the view is stale instead of going blank.
public final class TraceWatch: Sendable {
    /// The trace as the user named it.
    public let path: String
    let experiment: InspectExperiment
    let refreshSeconds: Double

    private struct State {
        var report: ExperimentReport<InspectDocument>
        var readAt: ContinuousClock.Instant
        var failure: String?
        var isReading = false
    }
    private let state: Mutex<State>

    /// Reads the trace once, exactly as `gradscope inspect FILE` does.
    /// - Parameters:
    ///   - path: The trace (also a `trainer_state.json` or TensorBoard events, as `inspect` reads them).
    ///   - refreshSeconds: The shortest time between two reads.
    /// - Throws: ``SettingsError`` for an empty path, or the reader's one-line error (`TraceError`) for a
    ///   file that is missing, not SQLite, corrupt, truncated or of a foreign or newer schema.
    public init(path: String, refreshSeconds: Double = 2) throws {
        precondition(refreshSeconds >= 0, "refreshSeconds must not be negative")
        let experiment = try InspectExperiment(settings: .init(path: path))
        let report = try experiment.run(progress: nil)
        self.path = path
        self.experiment = experiment
        self.refreshSeconds = refreshSeconds
        self.state = Mutex(State(report: report, readAt: .now))
    }

    /// The latest report, after re-reading the trace when the last read is older than `refreshSeconds`
    /// (one reader at a time: a request that comes during a read gets the previous report).
    /// - Returns: The report and, when the last re-read failed, the reader's message.
    func current() -> (report: ExperimentReport<InspectDocument>, failure: String?) {
        let due = state.withLock { state -> Bool in
            guard !state.isReading, ContinuousClock.now - state.readAt >= .seconds(refreshSeconds) else { return false }
            state.isReading = true
            return true
        }
        if due {
            let result = Result { try experiment.run(progress: nil) }
            state.withLock { state in
                switch result {
                case .success(let report): state.report = report; state.failure = nil
                case .failure(let error): state.failure = "\(error)"
                }
                state.readAt = .now
                state.isReading = false
            }
        }
        return state.withLock { ($0.report, $0.failure) }
    }
}
