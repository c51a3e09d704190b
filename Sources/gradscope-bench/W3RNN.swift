import ArgumentParser
import Foundation
import GradscopeCore
@_spi(Benchmarks) import GradscopeNetworks

/// W3 "rnn-train": one SGD step (forward, BPTT, optional norm clipping at 1, update) of the
/// Elman RNN `h_t = tanh(W h_{t−1} + U x_t + c)`, `y = V h_T + d` on the adding problem,
/// starting from the batches and weights that `w3_rnn_numpy.py --dump DIR` writes.
struct W3RNN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "w3",
        abstract: "W3 rnn-train: seconds per SGD step of an Elman RNN on the adding problem, from the peers' dump."
    )

    @Option(help: "The folder written by `python3 w3_rnn_numpy.py --dump DIR` (manifest.json and *.f64).")
    var dump: String
    @Option(help: "Comma-separated hidden sizes (each must be in the dump).")
    var hidden = "32,128"
    @Option(help: "Comma-separated clipping modes: 0 = none, 1 = clip at the dump's threshold.")
    var clipModes = "0,1"
    @Option(help: "Timed steps; the median and minimum are reported.")
    var steps = 30
    @Option(help: "Untimed steps before the timed ones.")
    var warmup = 3
    /// Dtypes and threads (batch parts run concurrently).
    @OptionGroup var machine: BenchMachineOptions

    func validate() throws {
        guard steps >= 1, warmup >= 0 else { throw ValidationError("--steps must be at least 1 and --warmup at least 0.") }
    }

    func run() throws {
        let data = try W3Dump(folder: dump)
        let threadCount = machine.threadLimit ?? ChainKernels.defaultThreadCount
        var results: [BenchJSON] = []
        for name in machine.dtypeNames {
            for h in hidden.split(separator: ",").compactMap({ Int($0) }) {
                for mode in clipModes.split(separator: ",").compactMap({ Int($0) }) {
                    let clip = mode == 0 ? 0 : data.clip
                    results.append(name == "float64" ? try measure(Double.self, "float64", data, h, clip, threadCount)
                                                     : try measure(Float.self, "float32", data, h, clip, threadCount))
                }
            }
        }
        let report = BenchJSON.object([
            ("workload", .string("W3-rnn-train")), ("impl", .string("gradscope")),
            ("batch", .int(data.batch)), ("T", .int(data.length)), ("lr", .number(data.learningRate)), ("clip", .number(data.clip)),
            ("steps", .int(steps)), ("threads", .int(threadCount)), ("cpus", .int(ChainKernels.availableProcessorCount)),
            ("blas", .string("OpenBLAS (Debian), one thread per batch part")),
            ("results", .array(results)),
        ])
        print(report.text)
    }

    func measure<T: GradFloat>(_: T.Type, _ dtype: String, _ data: W3Dump, _ h: Int, _ clip: Double, _ threadCount: Int) throws -> BenchJSON {
        var network = try data.network(hidden: h).converted(to: T.self)
        let batches = data.batches.map { $0.converted(to: T.self) }
        // Split only when each part keeps enough work to pay for the threads.
        let partsCount = h >= 64 ? min(threadCount, 2) : 1
        let parts = batches.map { RecurrentSGD.split($0, into: partsCount) }
        let workspaces = (0..<partsCount).map { _ in RecurrentWorkspace<T>() }
        let sgd = RecurrentSGD(learningRate: data.learningRate, clipThreshold: clip > 0 ? clip : nil)
        var losses: [Double] = [], norms: [Double] = []
        for s in 0..<data.checkSteps {
            let report = sgd.step(&network, on: parts[s % parts.count], workspaces: workspaces)
            losses.append(Double(report.result.loss))
            norms.append(Double(report.gradientNorm))
        }
        var k = 0
        let timing = BenchTiming.measure(warmup: warmup, repeats: steps) {
            _ = sgd.step(&network, on: parts[k % parts.count], workspaces: workspaces)
            k += 1
        }
        return .object([
            ("dtype", .string(dtype)), ("H", .int(h)), ("clip", .number(clip)),
            ("sec_per_step_median", .number(timing.median)), ("sec_per_step_min", .number(timing.minimum)),
            ("steps_per_s", .number(1 / timing.median)), ("seq_steps_per_s", .number(Double(data.batch * data.length) / timing.median)),
            ("check_loss_step0", .number(losses[0])), ("check_gradnorm_step0", .number(norms[0])),
            ("check_loss_last", .number(losses[losses.count - 1])), ("check_steps", .int(data.checkSteps)),
            ("parts", .int(partsCount)),
        ])
    }
}

/// The peers' dump: batches X (pool, T, B, 2), Y (pool, B) and the initial W, U, c, V, d per hidden size,
/// raw little-endian float64 in C order, shapes in manifest.json.
struct W3Dump {
    var batches: [SequenceBatch<Double>]
    var length: Int
    var batch: Int
    var learningRate: Double
    var clip: Double
    var checkSteps: Int
    private var folder: URL
    private var shapes: [String: [Int]]

    init(folder path: String) throws {
        folder = URL(fileURLWithPath: path)
        guard let manifestData = try? Data(contentsOf: folder.appendingPathComponent("manifest.json")),
              let manifest = try JSONSerialization.jsonObject(with: manifestData) as? [String: Any],
              let files = manifest["files"] as? [String: [String: Any]] else {
            throw ValidationError("No readable manifest.json in '\(path)'. Write one with: python3 w3_rnn_numpy.py --dump \(path)")
        }
        shapes = files.compactMapValues { $0["shape"] as? [Int] }
        length = manifest["T"] as? Int ?? 0
        batch = manifest["batch"] as? Int ?? 0
        learningRate = (manifest["lr"] as? NSNumber)?.doubleValue ?? 0.01
        clip = (manifest["clip"] as? NSNumber)?.doubleValue ?? 1
        checkSteps = manifest["check_steps"] as? Int ?? 20
        let x = try Self.read(folder, "X", shapes), y = try Self.read(folder, "Y", shapes)
        guard let xs = shapes["X"], xs.count == 4, xs[3] == 2 else { throw ValidationError("X in '\(path)' must have shape (pool, T, B, 2).") }
        let (pool, t, b) = (xs[0], xs[1], xs[2])
        batches = (0..<pool).map { k in
            SequenceBatch(length: t, batchSize: b, inputSize: 2, outputSize: 1,
                          inputs: Array(x[k * t * b * 2..<(k + 1) * t * b * 2]), targets: Array(y[k * b..<(k + 1) * b]))
        }
    }

    /// The peers' initial network for hidden size `h`.
    func network(hidden h: Int) throws -> ElmanNetwork<Double> {
        func matrix(_ name: String, _ rows: Int, _ columns: Int) throws -> Matrix<Double> {
            Matrix(rows: rows, columns: columns, elements: try Self.read(folder, "H\(h)_\(name)", shapes, count: rows * columns))
        }
        guard shapes["H\(h)_W"] != nil else { throw ValidationError("The dump has no weights for hidden size \(h).") }
        let cell = ElmanCell(activation: .tanh, recurrentWeights: try matrix("W", h, h), inputWeights: try matrix("U", h, 2),
                             bias: try Self.read(folder, "H\(h)_c", shapes, count: h))
        return ElmanNetwork(cell: cell, readoutWeights: try matrix("V", 1, h), readoutBias: try Self.read(folder, "H\(h)_d", shapes, count: 1),
                            loss: .meanSquaredError)
    }

    static func read(_ folder: URL, _ name: String, _ shapes: [String: [Int]], count: Int? = nil) throws -> [Double] {
        let expected = count ?? shapes[name]?.reduce(1, *) ?? -1
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(name + ".f64")), data.count == expected * 8 else {
            throw ValidationError("'\(name).f64' is missing or does not hold \(expected) float64 values.")
        }
        return data.withUnsafeBytes { raw in (0..<expected).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) } }
    }
}
