import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks

/// The MLP's matrix-product pass and the parallel remedy runs change nothing but the time:
/// every number, every anomaly and the observer's order are those of the operation-by-operation
/// loop run one remedy after another.
@Suite struct AutopsyFastPathTests {
    /// The same MLP, always replayed operation by operation (the oracle).
    struct ProbedMLP: TrainableNetwork {
        var mlp: MLPNetwork
        var groupNames: [String] { mlp.groupNames }
        var summary: String { mlp.summary }
        func parameterName(group: Int, index: Int) -> String { mlp.parameterName(group: group, index: index) }
        func initialParameters<G: RandomNumberGenerator>(using generator: inout G) -> ParameterGroups<Double> {
            mlp.initialParameters(using: &generator)
        }
        func reinitialized<G: RandomNumberGenerator>(_ parameters: ParameterGroups<Double>, with initializer: Initializer,
                                                    using generator: inout G) -> ParameterGroups<Double>? {
            mlp.reinitialized(parameters, with: initializer, using: &generator)
        }
        func replacingActivation(with activation: Activation) -> (any TrainableNetwork)? {
            (mlp.replacingActivation(with: activation) as? MLPNetwork).map { ProbedMLP(mlp: $0) }
        }
        func lossAndGradients<T: GradFloat>(_ parameters: ParameterGroups<T>, data: RegressionData, lossScale: T,
                                            probe: inout OperationProbe) -> (loss: T, gradients: ParameterGroups<T>) {
            mlp.probedLossAndGradients(parameters, data: data, lossScale: lossScale, probe: &probe)
        }
    }

    static func data(points: Int = 9) -> RegressionData {
        let xs = (0..<points).map { -1 + 2 * Double($0) / Double(points - 1) }
        return RegressionData(xs: xs, targets: xs.map { 0.5 * $0 + 0.25 })
    }

    /// Every number of a run, written out exactly (Double's description round-trips; NaN prints as nan).
    static func fingerprint(_ r: RemedyRun) -> String {
        var text = "\(r.remedy) \(r.note ?? "-") \(String(describing: r.firstInfinity)) \(String(describing: r.firstNaN)) "
            + "\(String(describing: r.firstUnderflow)) \(r.parametersGoneNonFinite)"
        if let run = r.run {
            text += " \(run.steps) \(run.ending) \(run.finalParameters.values) \(String(describing: run.lastGradients?.values))"
        }
        return text
    }

    /// (name, network, precision, steps, lr): healthy, exploding to NaN, underflowing, 16-bit and Double runs.
    static let cases: [(String, MLPNetwork, Precision, Int, Double)] = [
        ("relu He float32", MLPNetwork(width: 8, depth: 6, activation: .relu, initializer: .heNormal()), .float32, 20, 0.01),
        ("relu σw=8 float32 explodes", MLPNetwork(width: 6, depth: 12, activation: .relu, weightScale: 8), .float32, 15, 1),
        ("relu σw=3 float16 overflows", MLPNetwork(width: 8, depth: 10, activation: .relu, weightScale: 3), .float16, 10, 0.01),
        ("sigmoid float16 underflows", MLPNetwork(width: 4, depth: 12, activation: .sigmoid, weightScale: 0.5), .float16, 8, 0.1),
        ("tanh bfloat16", MLPNetwork(width: 5, depth: 5, activation: .tanh, weightScale: 2), .bfloat16, 8, 0.05),
        ("relu float64", MLPNetwork(width: 7, depth: 4, activation: .relu, weightScale: 1.5), .float64, 10, 0.05),
    ]

    @Test("The matrix-product pass gives the probed loop's numbers and anomalies, bit for bit", arguments: 0..<6)
    func quietEqualsProbed(index: Int) {
        let (name, mlp, precision, steps, rate) = Self.cases[index]
        let configuration = TrainingConfiguration(steps: steps, learningRate: rate)
        let remedies: [Remedy] = [.clipNorm(1), .activation(.tanh)] + (precision == .float16 ? [.lossScaling] : [])
        let fast = Autopsy.perform(AutopsyCase(network: mlp, data: Self.data(), precision: precision, configuration: configuration, seed: 3),
                                   remedies: remedies)
        let probed = Autopsy.perform(AutopsyCase(network: ProbedMLP(mlp: mlp), data: Self.data(), precision: precision,
                                                 configuration: configuration, seed: 3), remedies: remedies)
        #expect(fast.runs.map(Self.fingerprint) == probed.runs.map(Self.fingerprint), "\(name)")
        #expect(fast.events == probed.events, "\(name)")
    }

    @Test("The cases above reach what they are named for (Inf, NaN, underflow), so the replay is exercised")
    func casesReachTheirAnomalies() {
        func baseline(_ index: Int) -> RemedyRun {
            let (_, mlp, precision, steps, rate) = Self.cases[index]
            return Autopsy.perform(AutopsyCase(network: mlp, data: Self.data(), precision: precision,
                                               configuration: TrainingConfiguration(steps: steps, learningRate: rate), seed: 3), remedies: []).baseline
        }
        #expect(baseline(0).firstInfinity == nil && baseline(0).firstNaN == nil)
        #expect(baseline(1).firstInfinity != nil && baseline(1).firstNaN != nil)
        #expect(baseline(2).firstInfinity != nil)
        #expect(baseline(3).firstUnderflow != nil)
    }

    @Test("Remedy runs on both cores equal the runs made one after another, and the observer sees them in order")
    func parallelEqualsSequential() {
        let mlp = MLPNetwork(width: 8, depth: 8, activation: .relu, weightScale: 3, initializer: .heNormal())
        let autopsyCase = AutopsyCase(network: mlp, data: Self.data(), precision: .float32,
                                      configuration: TrainingConfiguration(steps: 12, learningRate: 0.05), seed: 11)
        let remedies = Remedy.standardSet(learningRate: 0.05, activation: .relu, precision: .float32)
        var seen: [String] = []
        let report = Autopsy.perform(autopsyCase, remedies: remedies) { remedy, step in
            seen.append("\(remedy) \(step.step) \(step.loss)")
            return .proceed
        }
        var rng = Xoshiro256StarStar(seed: autopsyCase.seed)
        let initial = mlp.initialParameters(using: &rng)
        var expectedSeen: [String] = []
        let sequential = ([Remedy.none] + remedies).map { remedy in
            Autopsy.replay(autopsyCase, remedy: remedy, initial: initial) { remedy, step in
                expectedSeen.append("\(remedy) \(step.step) \(step.loss)")
                return .proceed
            }
        }
        #expect(report.runs.map(Self.fingerprint) == sequential.map(Self.fingerprint))
        #expect(seen == expectedSeen)
        #expect(seen.count == 12 * (1 + remedies.count))
    }

    @Test("An observer's stop ends the run it watches and drops the later ones")
    func stopInOrder() {
        let mlp = MLPNetwork(width: 4, depth: 3, activation: .tanh)
        let autopsyCase = AutopsyCase(network: mlp, data: Self.data(), precision: .float32,
                                      configuration: TrainingConfiguration(steps: 10, learningRate: 0.05))
        var seen: [String] = []
        let report = Autopsy.perform(autopsyCase, remedies: [.clipNorm(1), .clipValue(1), .learningRate(0.001)]) { remedy, step in
            seen.append("\(remedy) \(step.step)")
            return remedy == .clipNorm(1) && step.step == 4 ? .stop : .proceed
        }
        #expect(report.runs.map(\.remedy) == [.none, .clipNorm(1)])
        #expect(report.runs[1].run?.ending == .stopped && report.runs[1].run?.steps.count == 4)
        #expect(seen == (1...10).map { "none \($0)" } + (1...4).map { "clip-norm=1 \($0)" })
    }

    @Test("accumulateInOrder equals the textbook loop bit for bit, with NaN and ±Inf propagating", arguments: [false, true])
    func inOrderProduct(transposed: Bool) {
        var rng = Xoshiro256StarStar(seed: 5)
        let (m, n, k) = (3, 5, 4)
        var a = (0..<(m * k)).map { _ in Float.random(in: -1000...1000, using: &rng) }
        let b = (0..<(k * n)).map { _ in Float.random(in: -1e-3...1e-3, using: &rng) }
        a[2] = .infinity
        a[7] = .nan
        var c = (0..<(m * n)).map { _ in Float.random(in: -1...1, using: &rng) }
        var expected = c
        for i in 0..<m {
            for j in 0..<n {
                var sum = expected[i * n + j]
                for p in 0..<k { sum += (transposed ? a[p * m + i] : a[i * k + p]) * b[p * n + j] }
                expected[i * n + j] = sum
            }
        }
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    MatrixProduct.accumulateInOrder(transposed ? .transposed : .none, m: m, n: n, k: k, a.baseAddress!, lda: transposed ? m : k,
                                                    b.baseAddress!, ldb: n, into: c.baseAddress!, ldc: n)
                }
            }
        }
        #expect(c.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(c.contains { $0.isNaN } && c.contains { $0.isInfinite })
    }
}
