import Foundation
import RealModule
import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks

/// The GRU: a hand-computed one-unit step, BPTT against finite differences, and the
/// update gate's copy path keeping the state gradient alive.
@Suite struct GRUTests {
    @Test("One unit, one step: h₁ = (1 − σ(0))·tanh(1) and y = 2·h₁ + 0.25, by hand")
    func handComputedStep() {
        // x = 1, h₀ = 0, u = (0, 0, 1), every bias 0: r = z = σ(0) = 1/2, n = tanh(1 + r·0) = tanh(1).
        let net = GRUNetwork<Double>(recurrentWeights: Matrix(rows: 3, columns: 1, elements: [0.3, -0.2, 0.7]),
                                     inputWeights: Matrix(rows: 3, columns: 1, elements: [0, 0, 1]),
                                     inputBias: [0, 0, 0], recurrentBias: [0, 0, 0],
                                     readoutWeights: Matrix(rows: 1, columns: 1, elements: [2]), readoutBias: [0.25],
                                     loss: .meanSquaredError)
        let batch = SequenceBatch<Double>(length: 1, batchSize: 1, inputSize: 1, outputSize: 1, inputs: [1], targets: [0])
        let y = net.outputs(for: batch, workspace: RecurrentWorkspace())
        let expected = 2 * (0.5 * Double.tanh(1)) + 0.25
        #expect(abs(y[0] - expected) <= 4 * expected.ulp, "y = \(y[0]), expected \(expected)")
    }

    @Test("GRU BPTT equals finite differences for every parameter, mean squared error and cross-entropy", arguments: [1, 2] as [UInt64])
    func finiteDifferences(seed: UInt64) {
        var rng = Xoshiro256StarStar(seed: seed)
        let adding = AddingProblem(length: 6)
        var net = GRUNetwork<Double>(task: adding, hiddenSize: 3, initialization: .recurrent(.xavierNormal(gain: 1.5)), using: &rng)
        net.inputBias = net.inputBias.map { $0 + 0.2 * rng.nextGaussian() }
        net.recurrentBias = net.recurrentBias.map { $0 + 0.2 * rng.nextGaussian() }
        RecurrentTests.checkFiniteDifferences(net, adding.batch(size: 3, using: &rng))
        let order = TemporalOrderProblem(length: 10)
        let classifier = GRUNetwork<Double>(task: order, hiddenSize: 4, initialization: .recurrent(.xavierNormal()), using: &rng)
        RecurrentTests.checkFiniteDifferences(classifier, order.batch(size: 3, using: &rng))
    }

    @Test("An update gate held at 1 copies the state: ‖∂L/∂h_t‖ is the same at every t")
    func copyPath() {
        // z = σ(40) = 1 − 4.2e-18 rounds to 1 in Double, so h_t = h_{t−1} and ∂h_t/∂h_{t−1} = 1 exactly.
        let h = 2
        let net = GRUNetwork<Double>(recurrentWeights: Matrix(rows: 3 * h, columns: h, elements: [Double](repeating: 0.5, count: 3 * h * h)),
                                     inputWeights: Matrix(rows: 3 * h, columns: 1, elements: [Double](repeating: 0, count: 3 * h)),
                                     inputBias: [0, 0, 40, 40, 0, 0], recurrentBias: [Double](repeating: 0, count: 3 * h),
                                     readoutWeights: Matrix(rows: 1, columns: h, elements: [1, -1]), readoutBias: [0],
                                     loss: .meanSquaredError)
        let batch = SequenceBatch<Double>(length: 50, batchSize: 1, inputSize: 1, outputSize: 1,
                                          inputs: [Double](repeating: 1, count: 50), targets: [1])
        let norms = net.lossAndGradients(on: batch).stateGradientNorms
        #expect(norms.count == 51)
        for value in norms { #expect(value == norms[50]) }
        #expect(norms[50] > 0)
    }

    /// The case `scripts/gen_gru_reference.py` ran through `torch.nn.GRU` in float64.
    struct TorchCase: Decodable {
        var length, batch, input, hidden, output: Int
        var inputs, targets, outputs: [Double]
        var loss: Double
        var parameters, gradients: [String: [Double]]
    }

    @Test("Outputs, loss and every gradient equal PyTorch's nn.GRU (float64) to 1e-12")
    func pytorchOracle() throws {
        let url = try #require(Bundle.module.url(forResource: "gru_reference", withExtension: "json", subdirectory: "Resources"))
        let c = try JSONDecoder().decode(TorchCase.self, from: Data(contentsOf: url))
        let p = c.parameters
        let net = GRUNetwork<Double>(recurrentWeights: Matrix(rows: 3 * c.hidden, columns: c.hidden, elements: p["Wh"]!),
                                     inputWeights: Matrix(rows: 3 * c.hidden, columns: c.input, elements: p["Wx"]!),
                                     inputBias: p["bx"]!, recurrentBias: p["bh"]!,
                                     readoutWeights: Matrix(rows: c.output, columns: c.hidden, elements: p["V"]!), readoutBias: p["d"]!,
                                     loss: .meanSquaredError)
        let batch = SequenceBatch<Double>(length: c.length, batchSize: c.batch, inputSize: c.input, outputSize: c.output,
                                          inputs: c.inputs, targets: c.targets)
        let r = net.lossAndGradients(on: batch)
        #expect(r.outputs.count == c.outputs.count)
        for (ours, theirs) in zip(r.outputs, c.outputs) { #expect(abs(ours - theirs) <= 1e-12 * max(1, abs(theirs))) }
        #expect(abs(r.loss - c.loss) <= 1e-12 * max(1, c.loss))
        #expect(r.gradients.names == GRUNetwork<Double>.groupNames)
        for (name, ours) in zip(r.gradients.names, r.gradients.values) {
            let theirs = try #require(c.gradients[name])
            #expect(ours.count == theirs.count, "\(name)")
            for (k, (a, b)) in zip(ours, theirs).enumerated() {
                #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(name)[\(k)]: \(a) vs PyTorch \(b)")
            }
        }
    }
}
