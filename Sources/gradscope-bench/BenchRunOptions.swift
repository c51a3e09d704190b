import ArgumentParser

/// The options every timed workload shares: repeats, warm-up runs, dtypes and threads.
struct BenchRunOptions: ParsableArguments {
    @Option(help: "Timed runs; the median and minimum are reported.")
    var repeats = 7
    @Option(help: "Untimed runs before the timed ones.")
    var warmup = 2
    @Option(help: "Comma-separated dtypes: float64, float32.")
    var dtypes = "float64,float32"
    @Option(help: "Threads to use; 0 uses GRADSCOPE_THREADS or every available CPU.")
    var threads = 0

    func validate() throws {
        guard repeats >= 1, warmup >= 0 else { throw ValidationError("--repeats must be at least 1 and --warmup at least 0.") }
        guard threads >= 0 else { throw ValidationError("--threads must be 0 (default) or positive.") }
        for name in dtypes.split(separator: ",") where !["float64", "float32"].contains(name) {
            throw ValidationError("Unknown dtype '\(name)'. Use float64 and/or float32.")
        }
    }

    /// The dtypes asked for, in order.
    var dtypeNames: [Substring] { dtypes.split(separator: ",") }

    /// An explicit thread count, or nil for the default.
    var threadLimit: Int? { threads > 0 ? threads : nil }
}
