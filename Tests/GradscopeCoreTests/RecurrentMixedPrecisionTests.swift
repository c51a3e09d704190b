import Foundation
import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks

/// Mixed-precision recurrent training (AMP: Float32 master weights, 16-bit forward and backward,
/// the loss in Float32) with and without GradScaler's dynamic loss scaling.
@Suite struct RecurrentMixedPrecisionTests {
    /// One step long, one input `x`, target 0, every batch the same.
    struct ConstantTask: SequenceTask {
        var x: Double
        var summary: String { "x = \(x), target 0" }
        var length: Int { 1 }
        var inputSize: Int { 1 }
        var outputSize: Int { 1 }
        var loss: RecurrentLoss { .meanSquaredError }
        var baselineLoss: Double { 1 }
        func batch<G: RandomNumberGenerator>(size batchSize: Int, using generator: inout G) -> SequenceBatch<Double> {
            SequenceBatch(length: 1, batchSize: batchSize, inputSize: 1, outputSize: 1,
                          inputs: [Double](repeating: x, count: batchSize), targets: [Double](repeating: 0, count: batchSize))
        }
    }

    @Test("A short Float16 LSTM run and a BFloat16 GRU run on the adding problem complete with finite losses")
    func shortRunsComplete() {
        let task = AddingProblem(length: 8)
        let configuration = RecurrentTrainingConfiguration(steps: 30, batchSize: 8, sgd: RecurrentSGD(learningRate: 0.01, method: .adam()),
                                                           testSize: 16, evaluationInterval: 10)
        var rng = Xoshiro256StarStar(seed: 0)
        let lstm = LSTMNetwork<Double>(task: task, hiddenSize: 4, initialization: .basicTanh, using: &rng).converted(to: Float.self)
        var trained = lstm
        let half = RecurrentTrainer(network: lstm, task: task, configuration: configuration)
            .run(computingIn: lstm.converted(to: Float16.self), scaler: GradScaler(), trained: &trained)
        #expect(half.ending == .completed && half.steps.count == 30)
        #expect(half.steps.allSatisfy { $0.loss.isFinite && $0.lossScale != nil && $0.skipped != nil })
        let testLosses = half.steps.compactMap { (step: RecurrentTrainingStep) -> Double? in step.testLoss }
        #expect(testLosses.count == 3 && testLosses.allSatisfy { $0.isFinite })
        #expect(trained != lstm && trained.parameters.isFinite)
        let gru = GRUNetwork<Double>(task: task, hiddenSize: 4, initialization: .basicTanh, using: &rng).converted(to: Float.self)
        var trainedGRU = gru
        let brain = RecurrentTrainer(network: gru, task: task, configuration: configuration)
            .run(computingIn: gru.converted(to: BFloat16.self), scaler: nil, trained: &trainedGRU)
        #expect(brain.ending == RecurrentTrainingRun.Ending.completed)
        #expect(brain.steps.allSatisfy { step in step.loss.isFinite && step.lossScale == nil && step.skipped == nil })
    }

    /// W = 0, U = 1e-5, c = 0, V = 2, d = 0, x = 60000: a = 0.6, h = tanh(0.6) ≈ 0.537, y ≈ 1.07,
    /// ∂L/∂y = 2y ≈ 2.15, ∂L/∂a = 2.15·2·(1 − h²) ≈ 3.05, ∂L/∂U = 3.05·60000 ≈ 1.8e5 > 65504:
    /// Float16 overflows in the backward pass while the loss (≈ 1.15) is finite.
    /// Without scaling the update makes U infinite and the run stops, the replay naming the product.
    /// With GradScaler, S = 2^16 … 2^−1 give an Inf gradient (steps 1–18 skipped, S halved each
    /// time); at S = 2^−2 the scaled gradient ≈ 45750 fits, and every later step updates.
    @Test("Float16: a gradient that overflows without scaling stops the run; GradScaler skips steps 1–18 and rescues it")
    func overflowRescuedByScaling() throws {
        let net = ElmanNetwork<Float>(cell: ElmanCell(activation: .tanh, recurrentWeights: Matrix(rows: 1, columns: 1, repeating: 0),
                                                      inputWeights: Matrix(rows: 1, columns: 1, elements: [1e-5]), bias: [0]),
                                      readoutWeights: Matrix(rows: 1, columns: 1, elements: [2]), readoutBias: [0], loss: .meanSquaredError)
        let configuration = RecurrentTrainingConfiguration(steps: 25, batchSize: 1, sgd: RecurrentSGD(learningRate: 1e-12), testSize: 1)
        let trainer = RecurrentTrainer(network: net, task: ConstantTask(x: 60000), configuration: configuration)
        var trained = net
        let plain = trainer.run(computingIn: net.converted(to: Float16.self), scaler: nil, trained: &trained)
        #expect(plain.ending == .nonFinite && plain.steps.count == 1)
        let inf = try #require(plain.firstInfinity).anomaly
        #expect(inf.pass == .backward && inf.operation == "∂L/∂a_1[0]·x_1[0] for ∂L/∂U[0,0]")
        #expect(inf.cause.contains("Float16"))
        let scaled = trainer.run(computingIn: net.converted(to: Float16.self), scaler: GradScaler(), trained: &trained)
        #expect(scaled.ending == .completed && scaled.steps.count == 25)
        let skipped: [Int] = scaled.steps.filter { (step: RecurrentTrainingStep) in step.skipped == true }.map { $0.step }
        #expect(skipped == Array(1...18))
        let expectedScales: [Double?] = (0..<18).map { Double(65536) / Double(1 << $0) } + [Double](repeating: 0.25, count: 7)
        let scales: [Double?] = scaled.steps.map { (step: RecurrentTrainingStep) -> Double? in step.lossScale }
        #expect(scales == expectedScales)
        #expect(scaled.steps.allSatisfy { $0.loss.isFinite && $0.loss > 0 })
        #expect(trained.parameters.isFinite && trained.cell.inputWeights[0, 0] != net.cell.inputWeights[0, 0])
    }
}
