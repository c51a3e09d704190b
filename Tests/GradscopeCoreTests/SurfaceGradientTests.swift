import GradscopeTestSupport
import Foundation
import Testing
import _Differentiation
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

/// The model written plainly over T = 50 steps with Foundation's tanh and exp, for Swift's
/// reverse-mode `_Differentiation` (an independent oracle, not the engine).
@differentiable(reverse)
func tanhStateLoss(_ w: Double, _ b: Double) -> Double {
    var x = 0.5
    for _ in 0..<50 { x = w * Foundation.tanh(x) + b }
    return (x - 0.7) * (x - 0.7)
}

@differentiable(reverse)
func sigmoidOutputLoss(_ w: Double, _ b: Double) -> Double {
    var x = 0.5
    for _ in 0..<50 { x = w / (1 + Foundation.exp(-x)) + b }
    let y = 1 / (1 + Foundation.exp(-x))
    return (y - 0.7) * (y - 0.7)
}

@Suite struct SurfaceGradientTests {
    /// Points off the wall for both models (no b within 0.2 of x_0 − w·φ(x_0)).
    static let points: [(w: Double, b: Double)] = [(0.5, -3), (1.7, 0.4), (2.5, -1.5), (3.9, 0.9), (4.6, -1.2),
                                                    (6.2, -2.0), (9.0, -6.5), (12.5, -1.0), (13.0, -9.5)]

    @Test("The gradient matches Swift's _Differentiation (tanh, state loss)", arguments: points)
    func differentiationTanh(point: (w: Double, b: Double)) {
        let model = SurfaceModel(activation: .tanh, loss: .state)
        let p = model.evaluate(w: point.w, b: point.b)
        let (value, g) = valueWithGradient(at: point.w, point.b, of: tanhStateLoss)
        #expect(isClose(p.loss, value, relative: 1e-12))
        #expect(isClose(p.dLossDW, g.0, relative: 1e-9), "\(p.dLossDW) vs \(g.0)")
        #expect(isClose(p.dLossDB, g.1, relative: 1e-9), "\(p.dLossDB) vs \(g.1)")
    }

    @Test("The gradient matches Swift's _Differentiation (sigmoid, output loss: Pascanu's Fig. 6)", arguments: points)
    func differentiationSigmoid(point: (w: Double, b: Double)) {
        let p = SurfaceModel.pascanu.evaluate(w: point.w, b: point.b)
        let (value, g) = valueWithGradient(at: point.w, point.b, of: sigmoidOutputLoss)
        #expect(isClose(p.loss, value, relative: 1e-12))
        #expect(isClose(p.dLossDW, g.0, relative: 1e-9), "\(p.dLossDW) vs \(g.0)")
        #expect(isClose(p.dLossDB, g.1, relative: 1e-9), "\(p.dLossDB) vs \(g.1)")
    }

    @Test("The gradient matches central differences for every activation and loss",
          arguments: [Activation.tanh, .sigmoid, .softplus, .swish], SurfaceLoss.allCases)
    func finiteDifferences(activation: Activation, loss: SurfaceLoss) {
        let model = SurfaceModel(activation: activation, initialState: 0.3, target: 0.4, steps: 12, loss: loss)
        for (w, b) in [(0.6, -0.5), (1.1, 0.3), (-0.8, 0.2)] {
            let p = model.evaluate(w: w, b: b)
            let h = 1e-6
            let dw = (model.evaluate(w: w + h, b: b).loss - model.evaluate(w: w - h, b: b).loss) / (2 * h)
            let db = (model.evaluate(w: w, b: b + h).loss - model.evaluate(w: w, b: b - h).loss) / (2 * h)
            #expect(abs(p.dLossDW - dw) <= 1e-6 * max(1, abs(dw)), "\(activation) \(loss) (\(w), \(b)): \(p.dLossDW) vs \(dw)")
            #expect(abs(p.dLossDB - db) <= 1e-6 * max(1, abs(db)), "\(activation) \(loss) (\(w), \(b)): \(p.dLossDB) vs \(db)")
        }
    }

    @Test("The state after T steps is the plain recurrence, and T = 0 leaves x_0")
    func states() {
        let model = SurfaceModel(activation: .tanh, initialState: 0.25, target: 0, steps: 3, loss: .state)
        var x = 0.25
        for _ in 0..<3 { x = 1.5 * Foundation.tanh(x) - 0.1 }
        #expect(isClose(model.evaluate(w: 1.5, b: -0.1).finalState, x, relative: 1e-15))
        #expect(model.states(w: 1.5, b: -0.1).count == 4)
        let still = SurfaceModel(activation: .tanh, initialState: 0.25, target: 0, steps: 0, loss: .state).evaluate(w: 9.0, b: 9.0)
        #expect(still.finalState == 0.25 && still.dLossDW == 0 && still.dLossDB == 0)
    }

    @Test("NaN and ±Inf propagate: a NaN weight gives NaN, an overflowing linear unit gives ±Inf or NaN")
    func ieee() {
        let p = SurfaceModel.pascanu.evaluate(w: Double.nan, b: 0)
        #expect(p.loss.isNaN && p.dLossDW.isNaN && !p.isFinite)
        let linear = SurfaceModel(activation: .linear, initialState: 1, target: 0, steps: 400, loss: .state)
        #expect(!linear.evaluate(w: 10.0, b: 0).isFinite)
        #expect(!linear.evaluate(w: Float(10), b: 0).isFinite)
    }
}
