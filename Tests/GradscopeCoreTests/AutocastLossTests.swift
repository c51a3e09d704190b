import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks

/// Under AMP the loss runs in Float32, as PyTorch's autocast runs `mse_loss` (on its CUDA float32
/// op list); only the seeds S·∂L/∂y are rounded to the 16-bit format.
@Suite struct AutocastLossTests {
    @Test("A loss whose Σ r² overflows Float16 is finite in Float32 under autocast; the seeds are rounded once")
    func float32Loss() {
        let outputs: [Float16] = [300, -2]
        var plainProbe = OperationProbe(precision: .float16)
        let plain = MeanSquaredError.lossAndSeeds(outputs: outputs, targets: [0, 0], lossScale: 1, probe: &plainProbe)
        #expect(plain.loss == .infinity)  // 300² = 90000 > 65504
        #expect(plainProbe.firstInfinity?.operation == "r²")

        var probe = OperationProbe(precision: .float16)
        probe.autocastLossScale = 4
        let autocast = MeanSquaredError.lossAndSeeds(outputs: outputs, targets: [0, 0], lossScale: 1, probe: &probe)
        #expect(probe.autocastLoss == 45002)  // (90000 + 4) / 2, exact in Float32
        #expect(autocast.loss == Float16(45002))
        #expect(autocast.seeds == [1200, -8])  // (r·(2/2))·4, then rounded to Float16 (exact here)
        #expect(probe.firstInfinity == nil && probe.firstNaN == nil)
    }

    @Test("A Float32 seed past Float16's largest value becomes Inf at autocast's cast back, named as such")
    func seedOverflow() throws {
        var probe = OperationProbe(precision: .float16)
        probe.autocastLossScale = 65536
        let result = MeanSquaredError.lossAndSeeds(outputs: [Float16(300)], targets: [0], lossScale: 1, probe: &probe)
        #expect(probe.autocastLoss == 90000)
        #expect(result.seeds == [.infinity])  // 300·2·65536 = 39321600 > 65504
        let inf = try #require(probe.firstInfinity)
        #expect(inf.operation == "S·∂L/∂y_L in Float16 (autocast's cast back)" && inf.operands[0].value == 39_321_600)
    }

    @Test("AMP training: step 1 reports the Float32 loss where plain Float16 reports Inf; GradScaler backs off to S = 64")
    func training() throws {
        let network = try FormulaNetwork(formula: Formula(parsing: "w*x"), initialValues: ["w": 300])
        let data = RegressionData(xs: [1], targets: [0])
        var rng = Xoshiro256StarStar(seed: 0)
        let initial = network.initialParameters(using: &rng)
        var probe = OperationProbe(precision: .float16)
        let plain = Trainer(network: network, data: data, configuration: TrainingConfiguration(steps: 1, learningRate: 1e-6))
            .run(in: Float16.self, from: initial, probe: &probe)
        #expect(plain.steps[0].loss == .infinity)

        var ampProbe = OperationProbe(precision: .float16)
        let amp = Trainer(network: network, data: data, configuration: TrainingConfiguration(steps: 12, learningRate: 1e-6, gradScaler: GradScaler()))
            .run(in: Float16.self, from: initial, probe: &ampProbe)
        // The Float32 master weight moves by 6e-4 at steps 11 and 12, which rounds away in Float16's forward pass (spacing 0.25 at 300).
        #expect(amp.steps.map(\.loss) == Array(repeating: 90000, count: 12))
        let move = Float(1e-6) * 600  // η·g in Float32 at steps 11 and 12, the two steps taken
        #expect(amp.finalParameters.values[0][0] == Double((Float(300) - move) - move))
        // The seed 2·300·S fits Float16 (≤ 65504) first at S = 64: ten halvings from 2^16.
        #expect(amp.steps.map(\.skipped) == Array(repeating: true, count: 10) + [false, false])
        #expect(amp.steps.map { $0.lossScale ?? 0 } == (0..<12).map { 65536 / Double(1 << min($0, 10)) })
    }
}
