import GradscopeCore

/// The single-unit chain the explorer's controls describe: `y_l = φ(w·y_{l−1} + b)`,
/// where b is a number or the post's `−w/2` (S5: then layer 1 has no bias).
///
/// ```swift
/// let s5 = ChainControls(activation: .sigmoid, weight: 8, bias: .minusHalfWeight, input: 0)
/// s5.formula().first   // "sigmoid(w*x)"
/// ```
public struct ChainControls: Sendable, Equatable {
    public enum Bias: Sendable, Equatable {
        case value(Double)
        /// `b = −w/2` from layer 2 on, layer 1 `φ(w·x)`.
        case minusHalfWeight

        /// Reads `-w/2` (or `−w/2`, spaces ignored); anything else is for the caller to read as a number.
        public static func minusHalfWeight(in text: String) -> Bias? {
            let bare = text.replacingOccurrences(of: " ", with: "")
            return bare == "-w/2" || bare == "−w/2" ? .minusHalfWeight : nil
        }
    }

    public var activation: Activation
    public var weight: Double
    public var bias: Bias
    /// The input x at which per-layer gradients are traced.
    public var input: Double

    public init(activation: Activation = .tanh, weight: Double = 8, bias: Bias = .value(0), input: Double = 0.5) {
        self.activation = activation
        self.weight = weight
        self.bias = bias
        self.input = input
    }

    /// The bias of layers 2…L.
    public var biasValue: Double {
        switch bias {
        case .value(let b): b
        case .minusHalfWeight: -weight / 2
        }
    }

    public var layer: ChainLayer { ChainLayer(activation: activation, weight: weight, bias: biasValue) }

    /// Layer 1 when it differs (b = −w/2).
    public var firstLayer: ChainLayer? {
        bias == .minusHalfWeight ? ChainLayer(activation: activation, weight: weight) : nil
    }

    public func chain(depth: Int) -> Chain {
        Chain(activation: activation, weight: weight, bias: biasValue, depth: depth, firstLayer: firstLayer)
    }

    /// The Gallery's settings of this chain: `-w/2` becomes b = −w/2 with a first layer without bias.
    public func experimentSettings(depth: Int, precision: Precision, overflow: OverflowRule = .nonfinite) -> ChainExperiment.Settings {
        ChainExperiment.Settings(activation: activation, weight: weight, bias: biasValue, firstBias: firstLayer?.bias,
                                 at: input, depth: depth, precision: precision, overflow: overflow)
    }

    public func forecaster(maxDepth: Int, overflow: OverflowRule = .nonfinite) -> OverflowForecaster {
        var forecaster = OverflowForecaster(layer: layer, firstLayer: firstLayer, input: input, maxDepth: maxDepth)
        forecaster.overflow = overflow
        return forecaster
    }

    /// The same chain as a formula with parameters w (and b): `relu(w*x)`, `tanh(w*x + b)`, or
    /// `sigmoid(w*x - w/2)` after `sigmoid(w*x)`.
    public func formula() -> (text: String, first: String?, parameters: [String: Double]) {
        let name = activation.name
        switch bias {
        case .value(0): return ("\(name)(w*x)", nil, ["w": weight])
        case .value(let b): return ("\(name)(w*x + b)", nil, ["w": weight, "b": b])
        case .minusHalfWeight: return ("\(name)(w*x - w/2)", "\(name)(w*x)", ["w": weight])
        }
    }

    /// "relu, w = 8, b = 0"
    public var summary: String {
        let b = switch bias {
        case .value(let b): "b = \(b.shortText)"
        case .minusHalfWeight: "b = −w/2"
        }
        return "\(activation.name), w = \(weight.shortText), \(b)"
    }
}

extension Double {
    /// `8`, `0.7`, `-4`: integers without a decimal point, others as Swift prints them.
    var shortText: String {
        self == rounded() && magnitude < 1e15 ? String(Int(self)) : String(self)
    }
}
