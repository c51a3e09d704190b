import Dispatch

/// Evaluates independent cells (grid points, seeds) split across the cores.
package enum ParallelGrid {
    /// `[f(0), f(1), …, f(count − 1)]`, computed with `DispatchQueue.concurrentPerform`.
    package static func map<T: Sendable>(_ count: Int, _ f: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(f) }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            withoutActuallyEscaping(f) { f in
                nonisolated(unsafe) let f = f
                DispatchQueue.concurrentPerform(iterations: count) { i in out[i] = f(i) }
            }
        }
        return results.map { $0! }
    }
}
