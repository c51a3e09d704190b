import Foundation

/// Hands the steps of runs that train at the same time (one per core) to one observer, one call
/// at a time and in run order: every step of run 0, then every step of run 1, … — what the
/// observer would see if the runs went one after the other, so a log written from it is the same.
///
/// The run whose turn it is reaches the observer as each step ends, and its `.stop` stops it at
/// that step; the steps of later runs wait in a queue until every earlier run has finished. Once
/// the observer says `.stop`, every run still training stops at its next step.
final class OrderedObserver: @unchecked Sendable {
    private let lock = NSLock()
    private let observer: (Remedy, TrainingStep) -> TrainingControl
    private var turn = 0
    private var waiting: [[(Remedy, TrainingStep)]]
    private var finished: [Bool]
    private var stopped = false
    /// The run the observer was watching when it said `.stop` (later runs are dropped from the report).
    private(set) var stoppedRun: Int?
    /// The step of ``stoppedRun`` at which the observer said `.stop`. When that step had waited in the
    /// queue, the run itself trained on past it: the caller recomputes it to end there (``Autopsy``).
    private(set) var stoppedStep: Int?

    init(runs: Int, observer: @escaping (Remedy, TrainingStep) -> TrainingControl) {
        self.observer = observer
        waiting = Array(repeating: [], count: runs)
        finished = Array(repeating: false, count: runs)
    }

    /// A step of run `index` has ended: the observer's answer, or `.proceed` while the run waits its turn.
    func step(ofRun index: Int, _ remedy: Remedy, _ step: TrainingStep) -> TrainingControl {
        lock.lock()
        defer { lock.unlock() }
        if stopped { return .stop }
        guard index == turn else {
            waiting[index].append((remedy, step))
            return .proceed
        }
        if observer(remedy, step) == .stop { stop(at: index, step: step.step) }
        return stopped ? .stop : .proceed
    }

    private func stop(at run: Int, step: Int) {
        stopped = true
        stoppedRun = run
        stoppedStep = step
    }

    /// Run `index` has ended: the next runs' waiting steps go to the observer.
    func finish(run index: Int) {
        lock.lock()
        defer { lock.unlock() }
        finished[index] = true
        while turn < finished.count, finished[turn] {
            turn += 1
            guard turn < finished.count else { break }
            for (remedy, step) in waiting[turn] where !stopped {
                if observer(remedy, step) == .stop { stop(at: turn, step: step.step) }
            }
            waiting[turn] = []
        }
    }
}
