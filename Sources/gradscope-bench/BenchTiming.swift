/// Median and minimum wall time of repeated runs after warm-up runs.
struct BenchTiming {
    var median: Double
    var minimum: Double

    /// Runs `body` `warmup` times untimed, then `repeats` times timed (seconds).
    static func measure(warmup: Int, repeats: Int, _ body: () -> Void) -> BenchTiming {
        for _ in 0..<warmup { body() }
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for _ in 0..<max(repeats, 1) {
            let elapsed = clock.measure(body)
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        seconds.sort()
        // The upper median for even counts, as the peers' `ts[len(ts) // 2]`.
        return BenchTiming(median: seconds[seconds.count / 2], minimum: seconds[0])
    }
}
