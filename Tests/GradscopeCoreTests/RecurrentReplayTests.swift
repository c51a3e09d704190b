import Foundation
import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks

/// The operation-by-operation replay of a recurrent step that went non-finite, for the LSTM and
/// the GRU, checked against cases worked out by hand, through ``RecurrentTrainer``.
@Suite struct RecurrentReplayTests {
    /// One sequence of one step, x₁ = 1e10, target 0, every batch the same.
    struct FixedTask: SequenceTask {
        var summary: String { "one fixed sequence" }
        var length: Int { 1 }
        var inputSize: Int { 1 }
        var outputSize: Int { 1 }
        var loss: RecurrentLoss { .meanSquaredError }
        var baselineLoss: Double { 0 }
        func batch<G: RandomNumberGenerator>(size batchSize: Int, using generator: inout G) -> SequenceBatch<Double> {
            SequenceBatch(length: 1, batchSize: batchSize, inputSize: 1, outputSize: 1,
                          inputs: [Double](repeating: 1e10, count: batchSize), targets: [Double](repeating: 0, count: batchSize))
        }
    }

    func train<N: RecurrentNetwork>(_ net: N) -> RecurrentTrainingRun {
        var trained = net
        let configuration = RecurrentTrainingConfiguration(steps: 3, batchSize: 1, sgd: RecurrentSGD(learningRate: 0.1), testSize: 1)
        return RecurrentTrainer(network: net, task: FixedTask(), configuration: configuration).run(trained: &trained)
    }

    /// Wh = 0, Wx = (1, 1, 1, 1e30) for the rows i, f, o, g, b = 0, V = 1e30, d = 0, in Float.
    /// Forward: z_g = 1e30·1e10 overflows (first Inf); g = tanh(Inf) = 1, i = f = o = σ(1e10) = 1,
    /// c₁ = 1·0 + 1·1 = 1, h₁ = tanh(1), y = 1e30·tanh(1) ≈ 7.6e29, (y − 0)² = Inf.
    /// Backward: ∂L/∂y = 2y ≈ 1.5e30, ∂L/∂h₁ = 1.5e30·1e30 = Inf, ∂L/∂c₁ = Inf, ∂L/∂i = Inf·g = Inf,
    /// ∂L/∂f = ∂L/∂c₁·c₀ = Inf·0 = NaN (first NaN).
    @Test("LSTM: the first Inf is Wx[3,0]·x₁ at time step 1, the first NaN ∂L/∂c₁·c₀ = Inf·0, by hand")
    func lstmReplay() throws {
        let net = LSTMNetwork<Float>(recurrentWeights: Matrix(rows: 4, columns: 1, repeating: 0),
                                     inputWeights: Matrix(rows: 4, columns: 1, elements: [1, 1, 1, 1e30]), bias: [0, 0, 0, 0],
                                     readoutWeights: Matrix(rows: 1, columns: 1, elements: [1e30]), readoutBias: [0], loss: .meanSquaredError)
        let run = train(net)
        #expect(run.ending == .nonFinite && run.steps.count == 1)
        let inf = try #require(run.firstInfinity).anomaly
        #expect(inf.step == 1 && inf.pass == .forward && inf.layer == 1 && inf.sample == 0 && inf.kind == .infinity)
        #expect(inf.operation == "z_1[g0] term Wx[3,0]·x_1[0]")
        #expect(inf.operands == [Operand("Wx[3,0]", Double(Float(1e30)), parameter: "Wx[3,0]"), Operand("x_1[0]", Double(Float(1e10)))])
        #expect(inf.result == .infinity)
        #expect(inf.cause.contains("Float32"))
        let nan = try #require(run.firstNaN)
        #expect(nan.anomaly.step == 1 && nan.anomaly.pass == .backward && nan.timeStep == 1 && nan.anomaly.sample == 0)
        #expect(nan.anomaly.operation == "∂L/∂f0_1 = ∂L/∂c_1[0]·c_0[0]")
        #expect(nan.anomaly.operands == [Operand("∂L/∂c_1[0]", .infinity), Operand("c_0[0]", 0)])
        #expect(nan.anomaly.cause.contains("inf × 0") || nan.anomaly.cause.contains("0 × inf"))
        #expect(nan.summary.hasPrefix("First NaN: step 1, backward, time step 1, sequence 0: ∂L/∂f0_1 = ∂L/∂c_1[0]·c_0[0] = nan"))
    }

    /// Wh = 0, Wx = (0, 0, 1e30) for the rows r, z, n, biases 0, V = 1e30, d = 0, in Float.
    /// Forward: a_n = 1e30·1e10 overflows (first Inf); r = z = σ(0) = 1/2, n = tanh(Inf + r·0) = 1,
    /// h₁ = (1 − 1/2)·1 + 1/2·0 = 1/2, y = 5e29, y² = Inf. Backward: ∂L/∂y = 1e30, ∂L/∂h₁ = Inf,
    /// ∂L/∂n = Inf·(1 − z) = Inf, ∂L/∂a_n = Inf·tanh'(Inf) = Inf·0 = NaN (first NaN).
    @Test("GRU: the first Inf is Wx[2,0]·x₁ at time step 1, the first NaN ∂L/∂n·tanh'(·) = Inf·0, by hand")
    func gruReplay() throws {
        let net = GRUNetwork<Float>(recurrentWeights: Matrix(rows: 3, columns: 1, repeating: 0),
                                    inputWeights: Matrix(rows: 3, columns: 1, elements: [0, 0, 1e30]), inputBias: [0, 0, 0], recurrentBias: [0, 0, 0],
                                    readoutWeights: Matrix(rows: 1, columns: 1, elements: [1e30]), readoutBias: [0], loss: .meanSquaredError)
        let run = train(net)
        #expect(run.ending == .nonFinite && run.steps.count == 1)
        let inf = try #require(run.firstInfinity).anomaly
        #expect(inf.step == 1 && inf.pass == .forward && inf.layer == 1 && inf.sample == 0)
        #expect(inf.operation == "a_1[n0] term Wx[2,0]·x_1[0]")
        #expect(inf.operands == [Operand("Wx[2,0]", Double(Float(1e30)), parameter: "Wx[2,0]"), Operand("x_1[0]", Double(Float(1e10)))])
        #expect(inf.cause.contains("Float32"))
        let nan = try #require(run.firstNaN).anomaly
        #expect(nan.pass == .backward && nan.layer == 1 && nan.sample == 0)
        #expect(nan.operation == "∂L/∂a_1[n0] = ∂L/∂n0_1·tanh'(·)")
        #expect(nan.operands == [Operand("∂L/∂n0_1", .infinity), Operand("tanh'(·)", 0)])
        #expect(nan.cause.contains("inf × 0") || nan.cause.contains("0 × inf"))
    }

    /// The update is replayed for every group, not only the recurrent matrix: with finite
    /// gradients and η = 1e38, the first Inf of a one-unit Elman step is in the first group's
    /// update whose step overflows. W = 0, U = 1, c = 0, V = 1, d = 0, x = 1e10 → h = tanh(1e10) = 1,
    /// y = 1, ∂L/∂y = 2, ∂L/∂W = 0 (h₀ = 0), ∂L/∂U = 2·tanh'(1e10)·1e10 = 0, ∂L/∂c = 0,
    /// ∂L/∂V = 2·1 = 2: η·2 = 2e38 is finite, V − 2e38 finite; with η = 3e38, η·2 = Inf in V's update.
    @Test("Elman: the update of V (not only W) is replayed: η·∂L/∂V[0,0] = 3e38·2 overflows")
    func elmanUpdateOfEveryGroup() throws {
        let net = ElmanNetwork<Float>(cell: ElmanCell(activation: .tanh, recurrentWeights: Matrix(rows: 1, columns: 1, repeating: 0),
                                                      inputWeights: Matrix(rows: 1, columns: 1, elements: [1]), bias: [0]),
                                      readoutWeights: Matrix(rows: 1, columns: 1, elements: [1]), readoutBias: [0], loss: .meanSquaredError)
        var probe = OperationProbe(precision: .float32)
        probe.step = 1
        var rng = Xoshiro256StarStar(seed: 0)
        let batch = FixedTask().batch(size: 1, using: &rng).converted(to: Float.self)
        net.traceStep(on: batch, sgd: RecurrentSGD(learningRate: 3e38), probe: &probe)
        let inf = try #require(probe.firstInfinity)
        #expect(inf.pass == .update && inf.operation == "η·∂L/∂V[0,0]")
        #expect(inf.operands == [Operand("η", Double(Float(3e38))), Operand("∂L/∂V[0,0]", 2)])
    }
}
