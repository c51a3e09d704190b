import ArgumentParser
import GradscopeCore
@_spi(Benchmarks) import GradscopeNetworks

/// W2 "surface": loss `(x_T − target)²` of `x_t = w·act(x_{t−1}) + b` and its exact gradient
/// (∂/∂w, ∂/∂b) on a grid × grid mesh of (w, b), forward mode, rows split across the cores.
struct W2Surface: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "w2",
        abstract: "W2 surface: loss and exact gradient of the single-unit RNN on a (w, b) grid, vectorised kernels."
    )

    @Option(help: "Grid points per axis.")
    var grid = 512
    @Option(name: .customLong("T"), help: "Time steps.")
    var steps = 50
    @Option(parsing: .unconditional, help: "Initial state x_0.")
    var x0 = 0.5
    @Option(parsing: .unconditional, help: "Target of the loss.")
    var target = 0.7
    @Option(help: "Comma-separated activations: tanh, sigmoid.")
    var acts = "tanh,sigmoid"
    @Option(name: .customLong("tanh-range"), help: "w0,w1,b0,b1 for tanh.")
    var tanhRange = "0.5,4,-3,1"
    @Option(name: .customLong("sigmoid-range"), help: "w0,w1,b0,b1 for sigmoid.")
    var sigmoidRange = "2,14,-10,2"
    @OptionGroup var options: BenchRunOptions

    func validate() throws {
        guard grid >= 2 else { throw ValidationError("--grid must be at least 2.") }
        guard steps >= 1 else { throw ValidationError("--T must be at least 1.") }
        for name in acts.split(separator: ",") where !["tanh", "sigmoid"].contains(name) {
            throw ValidationError("Unknown activation '\(name)'. Use tanh and/or sigmoid.")
        }
        for text in [tanhRange, sigmoidRange] where Self.range(text) == nil {
            throw ValidationError("A range must be w0,w1,b0,b1 with w0 < w1 and b0 < b1, got '\(text)'.")
        }
    }

    static func range(_ text: String) -> [Double]? {
        let values = text.split(separator: ",").compactMap { Double($0) }
        guard values.count == 4, values.allSatisfy(\.isFinite), values[0] < values[1], values[2] < values[3] else { return nil }
        return values
    }

    func run() throws {
        var results: [BenchJSON] = []
        for name in options.dtypeNames {
            for act in acts.split(separator: ",").map(String.init) {
                results.append(name == "float64" ? measure(Double.self, dtype: "float64", act: act)
                                                 : measure(Float.self, dtype: "float32", act: act))
            }
        }
        let threadCount = options.threadLimit ?? SurfaceKernels.defaultThreadCount
        let report = BenchJSON.object([
            ("workload", .string("W2-surface")), ("impl", .string("gradscope")),
            ("grid", .int(grid)), ("T", .int(steps)), ("x0", .number(x0)), ("target", .number(target)),
            ("repeats", .int(options.repeats)), ("threads", .int(threadCount)), ("cpus", .int(ChainKernels.availableProcessorCount)),
            ("isa", .string(["scalar", "", "avx2", "avx512"][ChainKernels.vectorISA])),
            ("results", .array(results)),
        ])
        print(report.text)
    }

    /// Times one (dtype, act): the grid and outputs are allocated once and reused, as numpy's in-place arrays.
    func measure<T: GradFloat>(_: T.Type, dtype: String, act: String) -> BenchJSON {
        let r = Self.range(act == "tanh" ? tanhRange : sigmoidRange)!
        let model = SurfaceModel(activation: act == "tanh" ? .tanh : .sigmoid, initialState: x0, target: target,
                                 steps: steps, loss: .state)
        let ws = SurfaceGrid<T>.samples(r[0]...r[1], count: grid).map { T($0) }
        let bs = SurfaceGrid<T>.samples(r[2]...r[3], count: grid).map { T($0) }
        let n = grid * grid
        var loss = [T](repeating: 0, count: n), dw = loss, db = loss
        let evaluate = {
            loss.withUnsafeMutableBufferPointer { l in
                dw.withUnsafeMutableBufferPointer { w in
                    db.withUnsafeMutableBufferPointer { b in
                        SurfaceKernels.evaluate(model, ws: ws, bs: bs, into: .init(loss: l, dLossDW: w, dLossDB: b),
                                                threads: options.threadLimit)
                    }
                }
            }
        }
        let timing = BenchTiming.measure(warmup: options.warmup, repeats: options.repeats, evaluate)
        var norms = (0..<n).map { i -> Double in
            let gw = Double(dw[i]), gb = Double(db[i])
            return (gw * gw + gb * gb).squareRoot()
        }
        let nonFinite = norms.count { !$0.isFinite }
        let finiteLoss = loss.map(Double.init).filter { !$0.isNaN }
        norms = norms.filter { !$0.isNaN }.sorted()
        let median = norms.isEmpty ? Double.nan
            : norms.count % 2 == 1 ? norms[norms.count / 2] : (norms[norms.count / 2 - 1] + norms[norms.count / 2]) / 2
        let pointSteps = Double(n * steps)
        return .object([
            ("dtype", .string(dtype)), ("act", .string(act)), ("range_w0_w1_b0_b1", .array(r.map(BenchJSON.number))),
            ("variant", .string("fwd-fused")), ("sec_median", .number(timing.median)), ("sec_min", .number(timing.minimum)),
            ("points_steps_per_s", .number(pointSteps / timing.median)),
            ("ns_per_point_step", .number(timing.median / pointSteps * 1e9)),
            ("loss_min", .number(finiteLoss.min() ?? .nan)), ("loss_max", .number(finiteLoss.max() ?? .nan)),
            ("gradnorm_median", .number(median)), ("gradnorm_max", .number(norms.last ?? .nan)),
            ("n_nonfinite", .int(nonFinite)),
        ])
    }
}
