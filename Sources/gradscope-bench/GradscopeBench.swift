import ArgumentParser

/// `gradscope-bench`: the benchmark workloads, each printing one JSON line shaped
/// like the peers' scripts in the shared `bench/` folder.
@main
struct GradscopeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradscope-bench",
        abstract: "Run a benchmark workload and print one JSON line of results.",
        subcommands: [W1Curves.self, W2Surface.self, W3RNN.self, W4Scan.self]
    )
}
