import ArgumentParser

/// The options every workload that computes in Double and Float shares: dtypes and threads.
struct BenchMachineOptions: ParsableArguments {
    @Option(help: "Comma-separated dtypes: float64, float32.")
    var dtypes = "float64,float32"
    @Option(help: "Threads to use; 0 uses GRADSCOPE_THREADS or every available CPU.")
    var threads = 0

    func validate() throws {
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
