import ArgumentParser
import Foundation
import GradscopeCore
@_spi(Benchmarks) import GradscopeNetworks

/// W1 "curves": a single-unit chain `y_l = act(w·y_{l−1} + b)`, `y_0 = x`, for n x on
/// [−1, 1] and depths 1…depth, storing y and dy/dx for every depth and x.
struct W1Curves: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "w1",
        abstract: "W1 curves: y and dy/dx of a single-unit chain at every depth, fused kernels."
    )

    @Option(help: "Number of x values on [-1, 1].")
    var n = 100_000
    @Option(help: "Chain depth.")
    var depth = 50
    @Option(help: "The weight w of every layer.")
    var w = 8.0
    @OptionGroup var options: BenchRunOptions

    func validate() throws {
        guard n >= 2 else { throw ValidationError("--n must be at least 2.") }
        guard depth >= 1 else { throw ValidationError("--depth must be at least 1.") }
    }

    /// The peers' configurations (act, w, b).
    var configs: [(name: String, activation: Activation, w: Double, b: Double)] {
        [("relu", .relu, w, 0), ("tanh", .tanh, w, 0), ("sigmoid", .sigmoid, w, 0), ("sigmoid", .sigmoid, w, -w / 2)]
    }

    func run() throws {
        var results: [BenchJSON] = []
        for name in options.dtypeNames {
            results += name == "float64" ? measure(Double.self, dtype: "float64") : measure(Float.self, dtype: "float32")
        }
        let threadCount = options.threadLimit ?? ChainKernels.defaultThreadCount
        let report = BenchJSON.object([
            ("workload", .string("W1-curves")), ("impl", .string("gradscope")),
            ("n", .int(n)), ("depth", .int(depth)), ("repeats", .int(options.repeats)),
            ("threads", .int(threadCount)), ("cpus", .int(ChainKernels.availableProcessorCount)),
            ("isa", .string(["scalar", "", "avx2", "avx512"][ChainKernels.vectorISA])),
            ("results", .array(results)),
        ])
        print(report.text)
    }

    /// Times every configuration in one precision, outputs preallocated and reused (as numpy's "inplace").
    func measure<T: GradFloat>(_: T.Type, dtype: String) -> [BenchJSON] {
        // numpy.linspace(-1, 1, n): start + i·step, the last value exactly 1; then rounded to T.
        let step = 2.0 / Double(n - 1)
        let xs = (0..<n).map { i in T(i == n - 1 ? 1 : Double(i) * step - 1) }
        var y = [T](repeating: 0, count: depth * n), dydx = y
        return configs.map { config in
            let layers = Array(repeating: ChainLayer(activation: config.activation, weight: config.w, bias: config.b),
                               count: depth)
            let sweep = {
                xs.withUnsafeBufferPointer { xs in
                    y.withUnsafeMutableBufferPointer { y in
                        dydx.withUnsafeMutableBufferPointer { dydx in
                            let ran = ChainKernels.sweep(layers: layers, xs: xs, y: y, dydx: dydx,
                                                         threads: options.threadLimit)
                            precondition(ran, "No fast kernel for \(config.name) in \(dtype).")
                        }
                    }
                }
            }
            let timing = BenchTiming.measure(warmup: options.warmup, repeats: options.repeats, sweep)
            let evals = Double(depth * n)
            return .object([
                ("dtype", .string(dtype)), ("act", .string(config.name)), ("w", .number(config.w)),
                ("b", .number(config.b)), ("variant", .string("fused")),
                ("sec_median", .number(timing.median)), ("sec_min", .number(timing.minimum)),
                ("evals_per_s", .number(evals / timing.median)), ("ns_per_eval", .number(timing.median / evals * 1e9)),
                ("y_last_at_x1", .number(Double(y[depth * n - 1]))),
                ("dydx_last_at_x1", .number(Double(dydx[depth * n - 1]))),
                ("n_nonfinite_dydx", .int(dydx.count { !$0.isFinite })),
            ])
        }
    }
}
