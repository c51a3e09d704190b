/// Median and minimum wall time of repeated runs after warm-up runs.
struct BenchTiming {
    var median: Double
    var minimum: Double
    /// Every timed run's seconds, in the order they ran.
    var all: [Double]

    /// Runs `body` `warmup` times untimed, then `repeats` times timed (seconds).
    static func measure(warmup: Int, repeats: Int, _ body: () throws -> Void) rethrows -> BenchTiming {
        for _ in 0..<warmup { try body() }
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for _ in 0..<max(repeats, 1) {
            let elapsed = try clock.measure(body)
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        let sorted = seconds.sorted()
        // The upper median for even counts, as the peers' `ts[len(ts) // 2]`.
        return BenchTiming(median: sorted[sorted.count / 2], minimum: sorted[0], all: seconds)
    }
}
