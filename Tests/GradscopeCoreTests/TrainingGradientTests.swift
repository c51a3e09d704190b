import Foundation
import Testing
import _Differentiation
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

/// The networks' loss gradients against central finite differences and Swift's `_Differentiation`.
@Suite struct TrainingGradientTests {
    static let data = RegressionData(xs: [-0.9, -0.3, 0.2, 0.7], targets: [-0.5, 0.1, 0.3, 0.2])

    static func loss(_ network: any TrainableNetwork, _ p: ParameterGroups<Double>) -> Double {
        var probe = OperationProbe(precision: .float64)
        return network.lossAndGradients(p, data: data, lossScale: 1, probe: &probe).loss
    }

    /// Every parameter's gradient against (L(θ + h) − L(θ − h)) / 2h.
    static func checkFiniteDifferences(_ network: any TrainableNetwork, seed: UInt64 = 1) {
        var rng = Xoshiro256StarStar(seed: seed)
        let p = network.initialParameters(using: &rng)
        var probe = OperationProbe(precision: .float64)
        let g = network.lossAndGradients(p, data: data, lossScale: 1, probe: &probe).gradients
        for group in p.values.indices {
            for i in p.values[group].indices {
                let h = 1e-6
                var plus = p, minus = p
                plus.values[group][i] += h
                minus.values[group][i] -= h
                let fd = (loss(network, plus) - loss(network, minus)) / (2 * h)
                let name = network.parameterName(group: group, index: i)
                #expect(abs(g.values[group][i] - fd) <= 1e-6 * max(1, abs(fd)), "\(name): \(g.values[group][i]) vs \(fd) (seed \(seed))")
            }
        }
    }

    @Test("Chain gradients match finite differences", arguments: [Activation.tanh, .sigmoid, .relu, .softplus])
    func chainFiniteDifferences(activation: Activation) {
        let chain = Chain(layers: [ChainLayer(activation: activation, weight: 1.3, bias: 0.1),
                                   ChainLayer(activation: activation, weight: -0.8, bias: 0.4),
                                   ChainLayer(activation: activation, weight: 1.1, bias: -0.2)])
        Self.checkFiniteDifferences(ChainNetwork(chain: chain))
    }

    @Test("MLP gradients match finite differences", arguments: [Activation.tanh, .gelu])
    func mlpFiniteDifferences(activation: Activation) {
        Self.checkFiniteDifferences(MLPNetwork(width: 3, depth: 3, activation: activation, weightScale: 1.2, bias: 0.1), seed: 9)
    }

    @Test("Formula network gradients match finite differences")
    func formulaFiniteDifferences() throws {
        let network = try FormulaNetwork(formula: Formula(parsing: "tanh(w*tanh(v*x + b)) + c*x"), initialValues: ["w": 1.5, "v": -0.7, "b": 0.2, "c": 0.3])
        Self.checkFiniteDifferences(network)
    }

    @Test("A 2-layer tanh chain's gradient for (w_1, w_2, b_2) matches _Differentiation")
    func chainAgainstDifferentiation() {
        let xs = Self.data.xs, ts = Self.data.targets
        @differentiable(reverse)
        func loss(_ w1: Double, _ w2: Double, _ b2: Double) -> Double {
            var sum = 0.0
            for i in 0..<4 {
                let y1 = tanh(w1 * xs[i] + 0.1)
                let y2 = tanh(w2 * y1 + b2)
                let r = y2 - ts[i]
                sum += r * r
            }
            return sum / 4
        }
        let (w1, w2, b2) = (1.7, -0.9, 0.3)
        let oracle = gradient(at: w1, w2, b2, of: loss)
        let network = ChainNetwork(chain: Chain(layers: [ChainLayer(activation: .tanh, weight: w1, bias: 0.1),
                                                         ChainLayer(activation: .tanh, weight: w2, bias: b2)]))
        var probe = OperationProbe(precision: .float64)
        var rng = SplitMix64(seed: 0)
        let g = network.lossAndGradients(network.initialParameters(using: &rng), data: Self.data, lossScale: 1, probe: &probe).gradients
        #expect(abs(g.values[0][0] - oracle.0) < 1e-14)
        #expect(abs(g.values[1][0] - oracle.1) < 1e-14)
        #expect(abs(g.values[1][1] - oracle.2) < 1e-14)
        #expect(abs(Self.loss(network, network.initialParameters(using: &rng)) - loss(w1, w2, b2)) < 1e-15)
    }

    @Test("A width-2 MLP's output-layer gradient matches _Differentiation")
    func mlpAgainstDifferentiation() {
        let network = MLPNetwork(width: 2, depth: 2, activation: .tanh, initializer: .constant(0.5))
        var rng = SplitMix64(seed: 0)
        var p = network.initialParameters(using: &rng)
        p.values[0] = [0.9, -1.2, 0.1, 0.2]   // W_1 (2×1), b_1
        let xs = Self.data.xs, ts = Self.data.targets
        @differentiable(reverse)
        func loss(_ v1: Double, _ v2: Double, _ c: Double) -> Double {
            var sum = 0.0
            for i in 0..<4 {
                let y = v1 * tanh(0.9 * xs[i] + 0.1) + v2 * tanh(-1.2 * xs[i] + 0.2) + c
                sum += (y - ts[i]) * (y - ts[i])
            }
            return sum / 4
        }
        let oracle = gradient(at: 0.5, 0.5, 0, of: loss)
        var probe = OperationProbe(precision: .float64)
        let g = network.lossAndGradients(p, data: Self.data, lossScale: 1, probe: &probe).gradients
        #expect(abs(g.values[1][0] - oracle.0) < 1e-14)
        #expect(abs(g.values[1][1] - oracle.1) < 1e-14)
        #expect(abs(g.values[1][2] - oracle.2) < 1e-14)
    }

    @Test("The loss scale multiplies the gradients, not the loss")
    func lossScale() {
        let network = ChainNetwork(chain: Chain(activation: .tanh, weight: 1.2, bias: 0.1, depth: 3))
        var rng = SplitMix64(seed: 0)
        let p = network.initialParameters(using: &rng)
        var probe = OperationProbe(precision: .float64)
        let plain = network.lossAndGradients(p, data: Self.data, lossScale: 1, probe: &probe)
        let scaled = network.lossAndGradients(p, data: Self.data, lossScale: 1024, probe: &probe)
        #expect(plain.loss == scaled.loss)
        #expect(zip(plain.gradients.values.joined(), scaled.gradients.values.joined()).allSatisfy { $0 * 1024 == $1 })
    }
}
