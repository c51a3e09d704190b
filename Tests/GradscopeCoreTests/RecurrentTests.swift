import Foundation
import RealModule
import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

/// BPTT against finite differences, Jacobian products, Pascanu's conditions, the tasks,
/// an end-to-end run, the NaN stop and the W3 check values.
@Suite struct RecurrentTests {
    /// A small random Elman network and batch in Double.
    static func smallElman(_ activation: Activation, seed: UInt64, hidden: Int = 3, length: Int = 5, batch: Int = 2) -> (ElmanNetwork<Double>, SequenceBatch<Double>) {
        var rng = Xoshiro256StarStar(seed: seed)
        let task = AddingProblem(length: length)
        var net = ElmanNetwork<Double>(task: task, hiddenSize: hidden, activation: activation, initialization: .recurrent(.xavierNormal(gain: 1.5)), using: &rng)
        net.cell.bias = (0..<hidden).map { _ in 0.3 * rng.nextGaussian() }
        net.readoutBias = [0.1]
        net.initialState = (0..<hidden).map { _ in 0.2 * rng.nextGaussian() }
        return (net, task.batch(size: batch, using: &rng))
    }

    /// The gradient of every parameter against central differences (h = 1e-6).
    static func checkFiniteDifferences<N: RecurrentNetwork>(_ net: N, _ batch: SequenceBatch<Double>, tolerance: Double = 1e-6) where N.Scalar == Double {
        let g = net.lossAndGradients(on: batch).gradients
        for k in g.values.indices {
            for i in g.values[k].indices {
                var plus = net, minus = net
                var p = net.parameters
                p.values[k][i] += 1e-6
                plus.parameters = p
                p.values[k][i] -= 2e-6
                minus.parameters = p
                let numeric = (plus.loss(on: batch) - minus.loss(on: batch)) / 2e-6
                #expect(abs(numeric - g.values[k][i]) <= tolerance * max(1, abs(numeric)), "\(g.names[k])[\(i)]: \(numeric) vs \(g.values[k][i])")
            }
        }
    }

    @Test("Elman BPTT equals finite differences for every parameter", arguments: Activation.recurrentCases)
    func elmanFiniteDifferences(activation: Activation) {
        for seed in [1, 2] as [UInt64] {
            let (net, batch) = Self.smallElman(activation, seed: seed)
            Self.checkFiniteDifferences(net, batch)
        }
    }

    @Test("LSTM BPTT equals finite differences; cross-entropy too")
    func lstmFiniteDifferences() {
        var rng = Xoshiro256StarStar(seed: 3)
        let task = AddingProblem(length: 6)
        var net = LSTMNetwork<Double>(task: task, hiddenSize: 3, initialization: .recurrent(.xavierNormal(gain: 1.5)), using: &rng)
        net.bias = net.bias.map { $0 + 0.2 * rng.nextGaussian() }
        Self.checkFiniteDifferences(net, task.batch(size: 3, using: &rng))
        let order = TemporalOrderProblem(length: 10)
        let classifier = ElmanNetwork<Double>(task: order, hiddenSize: 4, activation: .tanh, initialization: .recurrent(.xavierNormal()), using: &rng)
        Self.checkFiniteDifferences(classifier, order.batch(size: 3, using: &rng))
    }

    @Test("‖∂L/∂h_t‖ of a linear unit is |∂L/∂y·v|·|w|^(T−t); a batch split in parts gives the same gradients")
    func stateGradientNorms() {
        let cell = ElmanCell<Double>(activation: .linear, weight: 0.5, inputWeight: 1)
        let net = ElmanNetwork(cell: cell, readoutWeights: Matrix(rows: 1, columns: 1, elements: [2]), readoutBias: [0], loss: .meanSquaredError)
        let batch = SequenceBatch<Double>(length: 4, batchSize: 1, inputSize: 1, outputSize: 1, inputs: [1, 0, 0, 1], targets: [3])
        let r = net.lossAndGradients(on: batch)
        // h_4 = 0.5³·1 + 1 = 1.125, y = 2·h_4 = 2.25, ∂L/∂y = 2(2.25 − 3) = −1.5, ∂L/∂h_4 = −3.
        #expect(r.outputs == [2.25])
        let expected: [Double] = [0.1875, 0.375, 0.75, 1.5, 3]
        #expect(r.stateGradientNorms == expected)
        let (big, data) = Self.smallElman(.tanh, seed: 5, batch: 6)
        let whole = big.lossAndGradients(on: data)
        let parts = RecurrentSGD.lossAndGradients(big, on: RecurrentSGD.split(data, into: 2), workspaces: [RecurrentWorkspace(), RecurrentWorkspace()])
        #expect(abs(parts.loss - whole.loss) < 1e-14)
        for (a, b) in zip(parts.gradients.values.joined(), whole.gradients.values.joined()) { #expect(abs(a - b) < 1e-14) }
        for (a, b) in zip(parts.stateGradientNorms, whole.stateGradientNorms) { #expect(abs(a - b) < 1e-13 * b) }
    }

    @Test("Jacobian products: w^t for one linear unit, forward and to the final state; the cell's batched step equals its one-sequence step")
    func jacobians() {
        let cell = ElmanCell<Double>(activation: .linear, weight: 0.7)
        let inputs = [[Double]](repeating: [], count: 10)
        let forward = cell.log10StateJacobianNorms(from: [1], inputs: inputs)
        for (t, value) in forward.enumerated() { #expect(abs(value - Double(t + 1) * Double.log10(0.7)) < 1e-12) }
        let toFinal = cell.log10JacobianNormsToFinalState(from: [1], inputs: inputs)
        #expect(toFinal.count == 11 && toFinal[10] == 0)
        for t in 0...10 { #expect(abs(toFinal[t] - Double(10 - t) * Double.log10(0.7)) < 1e-12) }
        #expect(cell.stateJacobians(from: [1], inputs: inputs)[2][0, 0] == 0.7 * 0.7 * 0.7)
        let (net, _) = Self.smallElman(.tanh, seed: 9)
        let c = net.cell
        let x: [Double] = [0.3, 1, 0.8, 0], h: [Double] = [0.1, -0.2, 0.3, 0.5, 0.2, -0.4]
        let batched = c(x, state: h, batchSize: 2)
        let one = c(Array(x[0..<2]), state: Array(h[0..<3])) + c(Array(x[2..<4]), state: Array(h[3..<6]))
        for (a, b) in zip(batched, one) { #expect(abs(a - b) < 1e-15) }
    }

    @Test("Spectral radius and largest singular value of constructed matrices")
    func spectrum() {
        let angle = 0.7
        let rotation = Matrix<Double>(rows: 2, columns: 2, elements: [cos(angle), -sin(angle), sin(angle), cos(angle)]).map { 0.9 * $0 }
        #expect(abs(rotation.spectralRadius - 0.9) < 1e-12)
        #expect(abs(rotation.largestSingularValue - 0.9) < 1e-12)
        let jordan = Matrix<Double>(rows: 2, columns: 2, elements: [0.5, 1, 0, 0.5])
        #expect(abs(jordan.spectralRadius - 0.5) < 1e-9)
        #expect(abs(jordan.largestSingularValue - (1 + 2.0.squareRoot()) / 2) < 1e-12)   // σ₁ of [[.5,1],[0,.5]]
        #expect(Matrix<Double>(rows: 2, columns: 2, elements: [0, 1, 0, 0]).spectralRadius == 0)
        #expect(abs(Matrix<Double>(rows: 3, columns: 3, elements: [2, 0, 0, 0, -3, 0, 0, 0, 0.5]).spectralRadius - 3) < 1e-12)
        var rng = Xoshiro256StarStar(seed: 11)
        let smart = RecurrentInitialization.smartTanh.recurrentWeights(rows: 40, columns: 40, using: &rng)
        #expect(abs(smart.spectralRadius - 0.95) < 1e-9)
        #expect((0..<40).allSatisfy { r in (0..<40).filter { smart[r, $0] != 0 }.count == 15 })
    }

    @Test("Pascanu's verdicts: λ₁ < 1/γ guarantees vanishing, and a run then vanishes")
    func pascanu() {
        let w = Matrix<Double>(rows: 2, columns: 2, elements: [0.6, 0.3, -0.2, 0.5])
        let tanh = PascanuConditions(recurrentWeights: w, activation: .tanh)
        #expect(tanh.verdict == .vanishingGuaranteed && tanh.threshold == 1)
        let sigmoid = PascanuConditions(recurrentWeights: w.map { 5 * $0 }, activation: .sigmoid)
        #expect(sigmoid.largestSingularValue > 1 && sigmoid.largestSingularValue < 4 && sigmoid.verdict == .vanishingGuaranteed)
        #expect(PascanuConditions(recurrentWeights: w.map { 8 * $0 }, activation: .sigmoid).verdict == .explodingPossible)
        #expect(PascanuConditions(recurrentWeights: .identity(2).map { 1.1 * $0 }, activation: .linear).verdict == .explodingPossible)
        let net = ElmanNetwork(cell: ElmanCell(activation: .tanh, recurrentWeights: w, inputWeights: Matrix(rows: 2, columns: 2, elements: [1, 0, 0, 1]), bias: [0, 0]),
                               readoutWeights: Matrix(rows: 1, columns: 2, elements: [1, 1]), readoutBias: [0], loss: .meanSquaredError)
        var rng = Xoshiro256StarStar(seed: 4)
        let trend = GradientTrend(stateGradientNorms: net.lossAndGradients(on: AddingProblem(length: 50).batch(size: 8, using: &rng)).stateGradientNorms)
        #expect(trend.behaviour == .vanished && trend.factorPerStep <= tanh.largestSingularValue)
    }

    @Test("Adding problem: seeded, one marker per half, target the marked sum, baseline 1/6")
    func addingProblem() {
        var a = Xoshiro256StarStar(seed: 7), b = Xoshiro256StarStar(seed: 7)
        let task = AddingProblem(length: 20)
        let batch = task.batch(size: 4000, using: &a)
        #expect(batch == task.batch(size: 4000, using: &b))
        for s in 0..<batch.batchSize {
            let markers = (0..<20).map { batch.inputs[($0 * 4000 + s) * 2 + 1] }
            #expect(markers.prefix(10).filter { $0 == 1 }.count == 1 && markers.suffix(10).filter { $0 == 1 }.count == 1)
            #expect(markers.allSatisfy { $0 == 0 || $0 == 1 })
            let sum = (0..<20).filter { markers[$0] == 1 }.map { batch.inputs[($0 * 4000 + s) * 2] }.reduce(0, +)
            #expect(sum == batch.targets[s])
        }
        let mse = batch.targets.map { ($0 - 1) * ($0 - 1) }.reduce(0, +) / 4000
        #expect(abs(mse - 1.0 / 6) < 0.01 && task.baselineLoss == 1.0 / 6)
        let order = TemporalOrderProblem(length: 30).batch(size: 50, using: &a)
        for s in 0..<50 {
            let symbols = (0..<30).map { t in (0..<6).first { order.inputs[(t * 50 + s) * 6 + $0] == 1 }! }
            let relevant = symbols.indices.filter { symbols[$0] < 2 }
            #expect(relevant.count == 2 && (3..<6).contains(relevant[0]) && (15..<18).contains(relevant[1]))
            #expect(order.targets[s * 4 + 2 * symbols[relevant[0]] + symbols[relevant[1]]] == 1)
        }
    }

    @Test("A small LSTM learns the adding problem (T = 10) from fixed seeds, far below the baseline 1/6")
    func endToEnd() {
        let task = AddingProblem(length: 10)
        var rng = Xoshiro256StarStar(seed: 0)
        let net = LSTMNetwork<Double>(task: task, hiddenSize: 8, initialization: .recurrent(.xavierNormal()), using: &rng).converted(to: Float.self)
        var trained = net
        let run = RecurrentTrainer(network: net, task: task, configuration: RecurrentTrainingConfiguration(
            steps: 300, batchSize: 32, sgd: RecurrentSGD(learningRate: 0.02, clipThreshold: 1, method: .adam()), seed: 0, testSize: 500, evaluationInterval: 100))
            .run(trained: &trained)
        #expect(run.ending == .completed && run.steps.count == 300)
        let test = run.finalTestLoss ?? .nan
        #expect(test < 0.05 * run.baselineLoss / (1.0 / 6), "test MSE \(test)")
    }

    @Test("A diverging relu RNN stops at the first non-finite step with the autopsy; clipping keeps it finite")
    func nanStop() throws {
        let task = AddingProblem(length: 100)
        func run(clip: Double?) -> RecurrentTrainingRun {
            var rng = Xoshiro256StarStar(seed: 0)
            let net = ElmanNetwork<Double>(task: task, hiddenSize: 8, activation: .relu, initialization: .recurrent(.identity(scale: 1.2)), using: &rng)
                .converted(to: Float.self)
            var trained = net
            return RecurrentTrainer(network: net, task: task, configuration: RecurrentTrainingConfiguration(
                steps: 30, batchSize: 8, sgd: RecurrentSGD(learningRate: 0.01, clipThreshold: clip), testSize: 16, evaluationInterval: 10))
                .run(trained: &trained)
        }
        let plain = run(clip: nil)
        #expect(plain.ending == .nonFinite && plain.steps.count < 30)
        let inf = try #require(plain.firstInfinity)
        #expect(inf.step == plain.steps.count && inf.anomaly.pass == .forward && inf.timeStep != nil)
        #expect(inf.anomaly.cause.contains("exceeds Float32's maximum"))
        #expect(inf.summary.hasPrefix("First Inf: step \(inf.step), forward, time step"))
        let nan = try #require(plain.firstNaN)
        #expect(nan.anomaly.cause.contains("0 × inf") || nan.anomaly.cause.contains("inf × 0") || nan.anomaly.cause.contains("inf − inf"))
        let clipped = run(clip: 1)
        #expect(clipped.ending == .completed && clipped.steps.allSatisfy { $0.loss.isFinite })
        #expect(clipped.steps.contains { $0.clipped })
    }

    @Test("W3: the committed numpy dump gives numpy's check values to 1e-9 (Double)")
    func w3CheckValues() throws {
        let folder = try #require(Bundle.module.url(forResource: "w3_small", withExtension: nil, subdirectory: "Resources"))
        func read(_ name: String) throws -> [Double] {
            let data = try Data(contentsOf: folder.appendingPathComponent(name + ".f64"))
            return data.withUnsafeBytes { raw in (0..<data.count / 8).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) } }
        }
        let x = try read("X"), y = try read("Y")   // X (2, 8, 4, 2), Y (2, 4)
        let batches = (0..<2).map { k in
            [SequenceBatch(length: 8, batchSize: 4, inputSize: 2, outputSize: 1, inputs: Array(x[k * 64..<(k + 1) * 64]), targets: Array(y[k * 4..<(k + 1) * 4]))]
        }
        // numpy (w3_rnn_numpy.py --hidden 4 --batch 4 --T 8 --pool 2 --check-steps 5): loss₀, ‖g‖₀, loss₄ without and with clipping at 1.
        let expected: [(Double?, Double, Double, Double)] = [(nil, 0.08000322953727636, 6.156244520063997, 0.04925401706518817),
                                                             (1, 0.08000322953727636, 6.156244520063997, 0.02637446377337234)]
        for (clip, loss0, norm0, lossLast) in expected {
            var net = ElmanNetwork(cell: ElmanCell(activation: .tanh, recurrentWeights: Matrix(rows: 4, columns: 4, elements: try read("H4_W")),
                                                   inputWeights: Matrix(rows: 4, columns: 2, elements: try read("H4_U")), bias: try read("H4_c")),
                                   readoutWeights: Matrix(rows: 1, columns: 4, elements: try read("H4_V")), readoutBias: try read("H4_d"), loss: .meanSquaredError)
            let sgd = RecurrentSGD(learningRate: 0.01, clipThreshold: clip)
            var reports: [RecurrentSGD.Report<Double>] = []
            for s in 0..<5 { reports.append(sgd.step(&net, on: batches[s % 2], workspaces: [RecurrentWorkspace()])) }
            #expect(abs(reports[0].result.loss - loss0) <= 1e-9 * loss0)
            #expect(abs(reports[0].gradientNorm - norm0) <= 1e-9 * norm0)
            #expect(abs(reports[4].result.loss - lossLast) <= 1e-9 * lossLast)
        }
    }
}
