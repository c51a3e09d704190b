import CVectorMath
import Dispatch
import Foundation

/// The one way work is split across the cores: independent cells (grid points, seeds, x
/// chunks, checkpoint pieces) run on `DispatchQueue.concurrentPerform`, or on the calling
/// thread when there is only one.
///
/// ```swift
/// let squares = ParallelGrid.map(4) { $0 * $0 }                        // [0, 1, 4, 9]
/// ParallelGrid.forEachRange(of: n, parts: 2, alignment: 64) { range in … }
/// ```
package enum ParallelGrid {
    /// The CPUs this process may run on (its affinity mask, as `taskset` sets it), at least 1.
    package static var availableProcessorCount: Int { max(Int(gs_available_cpus()), 1) }

    /// Threads a kernel may use: `GRADSCOPE_THREADS` if set to a positive number, else the
    /// CPUs this process may run on. Read once.
    package static let defaultThreadCount: Int = {
        if let text = ProcessInfo.processInfo.environment["GRADSCOPE_THREADS"], let count = Int(text), count > 0 {
            return count
        }
        return availableProcessorCount
    }()

    /// `[f(0), f(1), …, f(count − 1)]`, computed with `DispatchQueue.concurrentPerform`.
    package static func map<T: Sendable>(_ count: Int, _ f: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(f) }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            forEach(count) { i in out[i] = f(i) }
        }
        return results.map { $0! }
    }

    /// Runs `body(0)`, …, `body(count − 1)`, concurrently when `count > 1`; returns when all are done.
    package static func forEach(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else { return (0..<count).forEach(body) }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: count) { body($0) }
        }
    }

    /// Splits `0..<n` into at most `parts` contiguous ranges of equal length, a multiple of
    /// `alignment` (so that, for 64, no cache line of a row of Float or Double is shared; the
    /// last range is shorter), and runs `body` on each concurrently.
    package static func forEachRange(of n: Int, parts: Int, alignment: Int = 1, _ body: (Range<Int>) -> Void) {
        guard n > 0 else { return }
        let parts = max(1, min(parts, n))
        let length = ((n + parts - 1) / parts + alignment - 1) / alignment * alignment
        let count = (n + length - 1) / length
        forEach(count) { k in body(k * length ..< min((k + 1) * length, n)) }
    }

    /// Runs `body` once for each of `0..<count` on `workers` threads, each index handed to
    /// whichever thread asks first: a thread the OS delays on a busy machine does not hold
    /// the others back. With one worker the indices run in order on the calling thread.
    package static func forEachDynamically(_ count: Int, workers: Int, _ body: (Int) -> Void) {
        let workers = max(1, min(workers, count))
        guard workers > 1 else { return (0..<count).forEach(body) }
        let queue = IndexQueue(count: count)
        forEach(workers) { _ in
            while let k = queue.next() { body(k) }
        }
    }

    /// Hands out 0..<count once each, to whichever thread asks first.
    private final class IndexQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var taken = 0
        private let count: Int

        init(count: Int) { self.count = count }

        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard taken < count else { return nil }
            taken += 1
            return taken - 1
        }
    }
}
