import Foundation
import RealModule
import GradscopeCharts
import GradscopeCore

/// The post's nested single-unit figures, S1, S2, S4 and S5 (w = 8, depths 1–3).
enum SeedChainFigures {
    static let weight = 8.0
    static let grid = evenlySpaced(-1...1, count: 401)

    /// S1: `relu(w·x)` nested 1–3 times; slope w^L = 8, 64, 512 for x > 0.
    static func relu() -> Figure {
        let f = ChainDepthsFigure(chain: Chain(activation: .relu, weight: weight, depth: 3), xs: grid)
        let slopes = (1...3).map { f.slope(depth: $0, at: 0.5) }
        let positive = f.xs.indices.filter { f.xs[$0] > 0 }
        let uniform = (1...3).allSatisfy { l in positive.allSatisfy { f.sweep.slopes(atDepth: l)[(l - 1) * f.xs.count + $0] == slopes[l - 1] } }
        let table = ChainDepthsFigure.depthTable(["depth", "slope_for_x_gt_0", "w_to_the_depth"], headers: ["depth L", "slope for x > 0", "w^L"],
                                                 slopes, (1...3).map { Double.pow(weight, Double($0)) })
        return f.figure(
            id: "s1-relu", system: .s1Relu, title: "relu(w·x) nested 1, 2 and 3 times, w = 8",
            explanation: "One relu unit per layer, all with weight 8: y = relu(8·relu(8·relu(8x))). For x > 0 every relu passes its input through, so each layer multiplies the slope by the weight.",
            valueTitle: "y = relu(w·x), nested, w = 8", table: table,
            caption: "For x > 0 the slope is \(slopes.map(NumberText.caption).joined(separator: ", ")) at depths 1, 2, 3\(uniform ? " (the same at every x > 0)" : ""): the product of the weights, 8^L. For x < 0 it is exactly 0.")
    }

    /// S2: `tanh(w·x)` nested 1–3 times; the slope at 0 is w^L.
    static func tanh() -> Figure {
        let f = ChainDepthsFigure(chain: Chain(activation: .tanh, weight: weight, depth: 3), xs: grid)
        let slopes = (1...3).map { f.slope(depth: $0, at: 0) }
        let edge = (1...3).map { f.slope(depth: $0, at: 0.5) }
        let table = ChainDepthsFigure.depthTable(["depth", "slope_at_0", "slope_at_half"], headers: ["depth L", "slope at x = 0", "slope at x = 0.5"],
                                                 slopes, edge)
        return f.figure(
            id: "s2-tanh", system: .s2Tanh, title: "tanh(w·x) nested 1, 2 and 3 times, w = 8",
            explanation: "tanh keeps y between −1 and 1, yet the slope of the transition from −1 to 1 still grows with every layer: at x = 0 each layer has tanh'(0) = 1, so the slope is again the product of the weights.",
            valueTitle: "y = tanh(w·x), nested, w = 8", table: table,
            caption: "At x = 0 the slope is \(slopes.map(NumberText.caption).joined(separator: ", ")) = 8^L; at x = 0.5, on the flat part, it falls to \(edge.map(NumberText.caption).joined(separator: ", ")).")
    }

    /// S4: `sig(w·x)` nested 1–3 times, no bias: flattening towards y = 1.
    static func sigmoid() -> Figure {
        let f = ChainDepthsFigure(chain: Chain(activation: .sigmoid, weight: weight, depth: 3), xs: grid)
        let low = (1...3).map { f.value(depth: $0, at: -1) }
        let peak = (1...3).map { l in f.sweep.slopes(atDepth: l).map(\.magnitude).max()! }
        let table = ChainDepthsFigure.depthTable(["depth", "y_at_minus_1", "y_at_1", "max_slope"], headers: ["depth L", "y(−1)", "y(1)", "max |dy/dx|"],
                                                 low, (1...3).map { f.value(depth: $0, at: 1) }, peak)
        return f.figure(
            id: "s4-sigmoid", system: .s4Sigmoid, title: "sig(w·x) nested 1, 2 and 3 times, w = 8, no bias",
            explanation: "sigmoid maps into (0, 1) with sig(0) = 0.5, so sig(w·sig(…)) is bounded below by sig(0) = 0.5 and each extra layer pushes the lower bound towards 1: the curves flatten instead of steepening.",
            valueTitle: "y = sig(w·x), nested, w = 8", table: table,
            caption: "The lowest value y(−1) rises \(low.map(NumberText.caption).joined(separator: " → ")) and the steepest slope falls \(peak.map(NumberText.caption).joined(separator: " → ")): without a bias, nested sigmoids flatten towards y = 1.")
    }

    /// S5: first `sig(w·x)`, then `sig(w·y − w/2)`; the slope at 0 is 2^L.
    static func sigmoidWithBias() -> Figure {
        let chain = Chain(activation: .sigmoid, weight: weight, bias: -weight / 2, depth: 3,
                          firstLayer: ChainLayer(activation: .sigmoid, weight: weight))
        let f = ChainDepthsFigure(chain: chain, xs: grid)
        let slopes = (1...3).map { f.slope(depth: $0, at: 0) }
        let table = ChainDepthsFigure.depthTable(["depth", "slope_at_0", "two_to_the_depth"], headers: ["depth L", "slope at x = 0", "2^L"],
                                                 slopes, (1...3).map { Double.pow(2, Double($0)) })
        return f.figure(
            id: "s5-sigmoid-bias", system: .s5SigmoidBias, title: "sig(w·x), then sig(w·y − w/2), w = 8",
            explanation: "With the biases set to −w/2 from the second layer on, every layer maps 0.5 to 0.5 and the curves steepen again — slowly: sig'(0) = 1/4, so each layer multiplies the slope at x = 0 by only w/4 = 2.",
            valueTitle: "y = sig(w·sig(w·x) − w/2), nested, w = 8", table: table,
            caption: "At x = 0 the slope is \(slopes.map(NumberText.caption).joined(separator: ", ")) = 2^L: sigmoid's gradient grows far more slowly than tanh's 8^L, so it needs larger weights or more layers to explode.")
    }
}
