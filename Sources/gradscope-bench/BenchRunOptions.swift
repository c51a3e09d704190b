import ArgumentParser

/// The options every timed workload shares: repeats, warm-up runs, dtypes and threads.
struct BenchRunOptions: ParsableArguments {
    @Option(help: "Timed runs; the median and minimum are reported.")
    var repeats = 7
    @Option(help: "Untimed runs before the timed ones.")
    var warmup = 2
    @OptionGroup var machine: BenchMachineOptions

    func validate() throws {
        guard repeats >= 1, warmup >= 0 else { throw ValidationError("--repeats must be at least 1 and --warmup at least 0.") }
    }

    /// The dtypes asked for, in order.
    var dtypeNames: [Substring] { machine.dtypeNames }

    /// An explicit thread count, or nil for the default.
    var threadLimit: Int? { machine.threadLimit }
}
