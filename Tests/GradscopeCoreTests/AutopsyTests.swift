import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

/// A plain re-implementation of full-batch gradient descent on a single-unit chain, without
/// probes or parameter groups, to confirm the autopsy's numbers independently.
struct PlainChainRun<T: GradFloat> {
    var firstNonFiniteParameterStep: Int?
    var firstNaNLossStep: Int?
    var weightsAfterStep1: [T] = []
    var firstGradients: (w: [T], b: [T]) = ([], [])

    init(activation: Activation, weight: Double, depth: Int, xs: [Double], targets: [Double], learningRate: Double, steps: Int) {
        var w = [T](repeating: T(weight), count: depth), b = [T](repeating: 0, count: depth)
        let n = xs.count
        for step in 1...steps {
            var gw = [T](repeating: 0, count: depth), gb = [T](repeating: 0, count: depth)
            var sum: T = 0
            var perSample: [(ys: [T], slopes: [T], seed: T)] = []
            for i in 0..<n {
                var ys: [T] = [T(xs[i])], slopes: [T] = []
                for l in 0..<depth {
                    let a = w[l] * ys[l] + b[l]
                    ys.append(activation(a))
                    slopes.append(activation.derivative(at: a))
                }
                let r = ys[depth] - T(targets[i])
                sum += r * r
                perSample.append((ys, slopes, r * T(2 / Double(n))))
            }
            let loss = sum / T(n)
            if loss.isNaN, firstNaNLossStep == nil { firstNaNLossStep = step }
            for (ys, slopes, seed) in perSample {
                var up = seed
                for l in stride(from: depth - 1, through: 0, by: -1) {
                    let gradA = up * slopes[l]
                    gw[l] += gradA * ys[l]
                    gb[l] += gradA
                    up = gradA * w[l]
                }
            }
            if step == 1 { firstGradients = (gw, gb) }
            for l in 0..<depth {
                w[l] = w[l] - T(learningRate) * gw[l]
                b[l] = b[l] - T(learningRate) * gb[l]
            }
            if step == 1 { weightsAfterStep1 = w }
            if firstNonFiniteParameterStep == nil, !(w + b).allSatisfy { $0.isFinite } { firstNonFiniteParameterStep = step }
            if loss.isNaN { break }
        }
    }
}

@Suite struct AutopsyTests {
    static let grid = (0...20).map { -1 + Double($0) / 10 }

    static func data(_ xs: [Double]) -> RegressionData { try! RegressionData(xs: xs, target: Formula(parsing: "0.5*x + 0.25")) }

    @Test("w = 8 tanh chain, depth 50, Float32, x ∋ 0: the backward product overflows; inf × 0 follows")
    func tanhBackwardOverflow() throws {
        let depth = 50
        let report = Autopsy.perform(AutopsyCase(network: ChainNetwork(chain: Chain(activation: .tanh, weight: 8, depth: depth)),
                                                 data: Self.data(Self.grid), precision: .float32,
                                                 configuration: TrainingConfiguration(steps: 20, learningRate: 0.01)),
                                     remedies: [.clipNorm(1), .clipValue(1), .learningRate(0.001), .initializer(.orthogonal()), .activation(.relu)])
        // Rebuild: at x = 0 every a_l = 0 and tanh'(0) = 1, so ∂L/∂y_{l−1} = seed·8^(L−l+1), seed = (0 − 0.25)·(2/21) in Float.
        let seed = (Float(0) - Float(0.25)) * Float(2.0 / 21)
        var upstream = seed, previous = seed, layer = depth, factors = 0
        while true {
            previous = upstream * 1
            upstream = previous * 8
            factors += 1
            if upstream.isInfinite { break }
            layer -= 1
        }
        #expect(factors == 45 && layer == 6)
        #expect(Double(seed).magnitude * pow8(45) > Double(Float.greatestFiniteMagnitude))
        #expect(Double(seed).magnitude * pow8(44) < Double(Float.greatestFiniteMagnitude))

        let inf = try #require(report.baseline.firstInfinity)
        #expect(inf.step == 1 && inf.pass == .backward && inf.layer == layer && inf.input == 0)
        #expect(inf.operation == "∂L/∂y_\(layer - 1) = ∂L/∂a_\(layer)·w_\(layer)")
        #expect(inf.result == -.infinity)
        #expect(inf.operands.map(\.value) == [Double(previous), 8])
        #expect(inf.cause.contains("the product of \(factors) factors w·φ'(a) = 8 and ∂L/∂y_L = -0.0238"), "\(inf.cause)")
        #expect(inf.cause.contains("exceeds Float32's maximum 3.4e38"))

        let nan = try #require(report.baseline.firstNaN)
        #expect(nan.step == 1 && nan.pass == .backward && nan.layer == layer - 1 && nan.input == 0)
        #expect(nan.operation == "∂L/∂w_\(layer - 1) = ∂L/∂a_\(layer - 1)·y_\(layer - 2)")
        #expect(nan.cause.hasPrefix("-inf × 0"), "\(nan.cause)")

        let plain = PlainChainRun<Float>(activation: .tanh, weight: 8, depth: depth, xs: Self.grid, targets: Self.data(Self.grid).targets,
                                         learningRate: 0.01, steps: 20)
        #expect(plain.firstNonFiniteParameterStep == 1)
        #expect(report.baseline.parametersGoneNonFinite.first?.step == plain.firstNonFiniteParameterStep)
        #expect(report.baseline.run?.steps.first { $0.loss.isNaN }?.step == plain.firstNaNLossStep)
        #expect(plain.firstNaNLossStep == 2)
        #expect(report.events.contains { $0.text.contains("The loss was first non-finite at step 2: nan") })

        // Remedies: clipping and a lower rate cannot undo an overflow inside backward; orthogonal (±1) weights can.
        let finite = Dictionary(uniqueKeysWithValues: report.runs.map { ($0.remedy.description, $0.run?.stayedFinite) })
        #expect(finite == ["none": false, "clip-norm=1": false, "clip-value=1": false, "lr=0.001": false,
                           "init=orthogonal": true, "activation=relu": false])
        #expect(report.runs.first { $0.remedy == .clipNorm(1) }?.run?.firstNonFiniteStep == 1)
    }

    @Test("w = 8 relu chain at x = 1, Float32: the forward pass overflows at layer 43; -inf × 0 at step 2")
    func reluForwardOverflow() throws {
        let depth = 50
        let report = Autopsy.perform(AutopsyCase(network: ChainNetwork(chain: Chain(activation: .relu, weight: 8, depth: depth)),
                                                 data: Self.data([1]), precision: .float32,
                                                 configuration: TrainingConfiguration(steps: 10, learningRate: 0.01)),
                                     remedies: [.activation(.tanh)])
        // Rebuild: y_l = 8^l in Float until it overflows.
        var y = Float(1), layer = 0
        repeat { y *= 8; layer += 1 } while y.isFinite
        #expect(layer == 43)
        let inf = try #require(report.baseline.firstInfinity)
        #expect(inf.step == 1 && inf.pass == .forward && inf.layer == 43 && inf.input == 1)
        #expect(inf.operation == "w_43·y_42")
        #expect(inf.operands.map(\.value) == [8, pow8(42)])
        #expect(inf.cause.hasPrefix("the product of 43 factors = 8 (w_43 and the 42 layer gains"), "\(inf.cause)")
        #expect(inf.cause.hasSuffix("and x = 1 (≈ 6.81e38) exceeds Float32's maximum 3.4e38"), "\(inf.cause)")

        let plain = PlainChainRun<Float>(activation: .relu, weight: 8, depth: depth, xs: [1], targets: [0.75], learningRate: 0.01, steps: 10)
        #expect(plain.weightsAfterStep1[1] == -.infinity)
        let nan = try #require(report.baseline.firstNaN)
        #expect(nan.step == 2 && nan.pass == .forward && nan.layer == 2 && nan.operation == "w_2·y_1")
        #expect(nan.cause == "-inf × 0 (w_2 = -inf and y_1 = 0) after w_2 became -inf at step 1")
        #expect(report.baseline.run?.steps.first { $0.loss.isNaN }?.step == plain.firstNaNLossStep)
        #expect(report.runs[1].run?.stayedFinite == true)
    }

    @Test("Float16 tanh chain, w = 0.5, depth 24: layer 1's gradient underflows to 0; AMP loss scaling trains every layer")
    func float16Underflow() throws {
        let depth = 24
        let data = Self.data(Self.grid)
        let report = Autopsy.perform(AutopsyCase(network: ChainNetwork(chain: Chain(activation: .tanh, weight: 0.5, depth: depth)),
                                                 data: data, precision: .float16,
                                                 configuration: TrainingConfiguration(steps: 200, learningRate: 0.5)),
                                     remedies: [.lossScaling])
        let half = PlainChainRun<Float16>(activation: .tanh, weight: 0.5, depth: depth, xs: Self.grid, targets: data.targets, learningRate: 0.5, steps: 1)
        let exact = PlainChainRun<Double>(activation: .tanh, weight: 0.5, depth: depth, xs: Self.grid, targets: data.targets, learningRate: 0.5, steps: 1)
        #expect(half.firstGradients.b[0] == 0 && half.firstGradients.w[0] == 0)
        #expect(exact.firstGradients.b[0] != 0 && exact.firstGradients.w[0] != 0)
        #expect(abs(exact.firstGradients.b[0]) < Precision.float16.leastNonzeroMagnitude)

        let baseline = try #require(report.baseline.run)
        #expect(baseline.firstGradients?.values[0] == [0, 0])
        #expect(baseline.unchangedGroups == [0, 1, 2])
        #expect(report.baseline.firstUnderflow != nil)
        let amp = try #require(report.runs[1].run)
        #expect(amp.stayedFinite && amp.unchangedGroups.isEmpty)
        // The loss and S = 2^16 are Float32 under autocast, and the seeds S·r·(2/n) fit Float16: step 1 is taken.
        #expect(amp.steps[0].lossScale == 65536 && !amp.steps[0].skipped)
        let firstTaken = try #require(amp.steps.first { !$0.skipped })
        #expect(firstTaken.lossScale == 65536 / Double(1 << (firstTaken.step - 1)))
        #expect(amp.finalParameters.values[0] != amp.initialParameters.values[0])
        #expect(report.events.contains { $0.text.hasPrefix("3 of 24 groups never changed") })
    }

    @Test("Remedies parse, print back, and refuse bad values in one line", arguments: [
        ("clip-norm=1", Remedy.clipNorm(1)), ("clip-value=0.5", .clipValue(0.5)), ("lr=1e-3", .learningRate(0.001)),
        ("init=xavier", .initializer(.xavierNormal())), ("activation=relu", .activation(.relu)), ("amp", .lossScaling),
    ])
    func remedyNames(text: String, remedy: Remedy) throws {
        #expect(try Remedy(parsing: text) == remedy)
        #expect(try Remedy(parsing: remedy.description) == remedy)
    }

    @Test("Bad remedies", arguments: ["clip-norm=-1", "clip-value=0", "lr=abc", "init=xavierr", "activation=tanhh", "magic"])
    func badRemedies(text: String) {
        #expect(throws: Remedy.ParseError.self) { try Remedy(parsing: text) }
        do { _ = try Remedy(parsing: text) } catch { #expect(!error.description.contains("\n")) }
    }
}

/// 8^k in Double (exact for k ≤ 341).
func pow8(_ k: Int) -> Double { (0..<k).reduce(1.0) { acc, _ in acc * 8 } }

/// A remedy equal to the baseline reproduces it exactly (issue: He baseline 0.0896, "init=he" 0.0104).
@Suite struct AutopsyRemedyReproductionTests {
    @Test("init=he on an MLP initialised with He gives the baseline's losses bit for bit")
    func sameInitializerReproducesBaseline() throws {
        let network = MLPNetwork(width: 8, depth: 6, activation: .relu, initializer: .heNormal())
        let xs = (0..<16).map { -1 + 2 * Double($0) / 15 }
        let data = RegressionData(xs: xs, targets: xs.map { 0.5 * $0 + 0.25 })
        let report = Autopsy.perform(AutopsyCase(network: network, data: data, precision: .float32,
                                                 configuration: TrainingConfiguration(steps: 20, learningRate: 0.01)),
                                     remedies: [.initializer(.heNormal()), .initializer(.xavierNormal())])
        let baseline = try #require(report.baseline.run).steps.map(\.loss)
        let remedy = try #require(report.runs[1].run).steps.map(\.loss)
        #expect(baseline.count == 20)
        #expect(remedy == baseline)
        let other = try #require(report.runs[2].run).steps.map(\.loss)
        #expect(other != baseline)
    }
}
