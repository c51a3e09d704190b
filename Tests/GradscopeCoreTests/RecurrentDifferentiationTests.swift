import _Differentiation
import Foundation
import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

/// The Elman BPTT of one unit checked against Swift's own reverse-mode differentiation.
@Suite struct RecurrentDifferentiationTests {
    struct Unit: Differentiable {
        var w: Double, u: Double, c: Double, v: Double, d: Double
    }

    /// `h_t = tanh(w·h_{t−1} + u·x_t + c)`, `y = v·h_T + d`, `L = (y − target)²`, written as a plain loop.
    @differentiable(reverse)
    static func loss(_ p: Unit, xs: [Double], target: Double, h0: Double) -> Double {
        var h = h0
        for i in withoutDerivative(at: xs.indices) {
            h = Foundation.tanh(p.w * h + p.u * xs[i] + p.c)
        }
        let r = p.v * h + p.d - target
        return r * r
    }

    @Test("One tanh unit over 12 inputs: BPTT equals _Differentiation's gradient", arguments: [0.5, 1.3, -2.0])
    func singleUnit(weight: Double) {
        let p = Unit(w: weight, u: 0.8, c: -0.1, v: 1.7, d: 0.2)
        let xs = (0..<12).map { sin(Double($0)) }
        let auto = gradient(at: p) { Self.loss($0, xs: xs, target: 0.3, h0: 0.25) }
        let net = ElmanNetwork(cell: ElmanCell<Double>(activation: .tanh, weight: p.w, inputWeight: p.u, bias: p.c),
                               readoutWeights: Matrix(rows: 1, columns: 1, elements: [p.v]), readoutBias: [p.d], loss: .meanSquaredError, initialState: [0.25])
        let batch = SequenceBatch<Double>(length: 12, batchSize: 1, inputSize: 1, outputSize: 1, inputs: xs, targets: [0.3])
        let ours = net.lossAndGradients(on: batch)
        #expect(abs(ours.loss - Self.loss(p, xs: xs, target: 0.3, h0: 0.25)) < 1e-14)
        let pairs = [(ours.gradients.values[0][0], auto.w), (ours.gradients.values[1][0], auto.u), (ours.gradients.values[2][0], auto.c),
                     (ours.gradients.values[3][0], auto.v), (ours.gradients.values[4][0], auto.d)]
        for (a, b) in pairs { #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(a) vs \(b)") }
    }
}
