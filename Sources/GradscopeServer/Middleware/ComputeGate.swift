import Synchronization

/// Admission for heavy requests: at most `workers` compute at once, at most `queueLimit` wait
/// in line (first come, first served), and anyone beyond that is turned away at once.
///
/// ```swift
/// let gate = ComputeGate(workers: 1, queueLimit: 16)
/// guard try await gate.enter() else { /* 503 */ }
/// defer { gate.leave() }
/// ```
/// The counts are exact: `running ≤ workers` and `waiting ≤ queueLimit` at every moment.
public final class ComputeGate: Sendable {
    /// Requests that may compute at the same time.
    public let workers: Int
    /// Requests that may wait for a worker; the next one is refused.
    public let queueLimit: Int

    /// What the gate has done since it was made.
    public struct Counts: Sendable, Equatable {
        /// Requests given a worker.
        public var admitted = 0
        /// Requests turned away because the line was full.
        public var refused = 0
        /// Admitted requests whose client had gone by their turn, so nothing was computed.
        public var abandoned = 0
    }

    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Bool, Never>] = []
        var counts = Counts()
    }
    private let state = Mutex(State())

    public init(workers: Int, queueLimit: Int) {
        precondition(workers >= 1 && queueLimit >= 0, "ComputeGate needs at least one worker and a queue limit ≥ 0.")
        self.workers = workers
        self.queueLimit = queueLimit
    }

    /// Waits for a worker. Returns `false` at once, without waiting, when the queue is full.
    /// Every `true` must be balanced by one ``leave()``.
    public func enter() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let admitted = state.withLock { state -> Bool? in
                if state.running < workers { state.running += 1; state.counts.admitted += 1; return true }
                guard state.waiting.count < queueLimit else { state.counts.refused += 1; return false }
                state.counts.admitted += 1
                state.waiting.append(continuation)
                return nil
            }
            if let admitted { continuation.resume(returning: admitted) }
        }
    }

    /// Hands the worker to the longest-waiting request, or frees it.
    public func leave() {
        let next = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            if state.waiting.isEmpty { state.running -= 1; return nil }
            return state.waiting.removeFirst()
        }
        next?.resume(returning: true)
    }

    /// Notes that an admitted request's client had gone by its turn (call before ``leave()``).
    public func noteAbandoned() {
        state.withLock { $0.counts.abandoned += 1 }
    }

    public var counts: Counts { state.withLock { $0.counts } }

    /// (computing, waiting) right now.
    public var load: (running: Int, waiting: Int) {
        state.withLock { ($0.running, $0.waiting.count) }
    }
}
