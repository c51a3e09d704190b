import GradscopeCore
import GradscopeGallery

/// The single-unit chain the explorer's controls describe: `y_l = φ(w·y_{l−1} + b)`,
/// where b is a number or the post's `−w/2` (S5: then layer 1 has no bias).
struct ChainSettings: Sendable, Equatable {
    enum Bias: Sendable, Equatable {
        case value(Double)
        /// `b = −w/2` from layer 2 on, layer 1 `φ(w·x)`.
        case minusHalfWeight
    }

    var activation: Activation
    var weight: Double
    var bias: Bias
    /// The input x at which per-layer gradients are traced.
    var input: Double

    static let parameterNames: Set<String> = ["activation", "weight", "bias", "at"]

    /// Reads `activation` (default tanh), `weight` (8), `bias` (0, or `-w/2`) and `at` (the page's 0.5 unless told).
    init(_ query: QueryReader, defaultInput: Double = 0.5) throws(APIError) {
        activation = try query.activation("activation", default: .tanh)
        weight = try query.number("weight", default: 8)
        input = try query.number("at", default: defaultInput)
        switch query.text("bias")?.replacingOccurrences(of: " ", with: "") {
        case nil: bias = .value(0)
        case "-w/2"?, "−w/2"?: bias = .minusHalfWeight
        case let text?:
            do { bias = .value(try QueryReader.number(text, name: "bias")) } catch {
                throw .outOfRange("bias", "a finite number between -1e6 and 1e6, or -w/2", got: text)
            }
        }
    }

    /// The bias of layers 2…L.
    var biasValue: Double {
        switch bias {
        case .value(let b): b
        case .minusHalfWeight: -weight / 2
        }
    }

    var layer: ChainLayer { ChainLayer(activation: activation, weight: weight, bias: biasValue) }

    /// Layer 1 when it differs (b = −w/2).
    var firstLayer: ChainLayer? {
        bias == .minusHalfWeight ? ChainLayer(activation: activation, weight: weight) : nil
    }

    func chain(depth: Int) -> Chain {
        Chain(activation: activation, weight: weight, bias: biasValue, depth: depth, firstLayer: firstLayer)
    }

    /// The Gallery's settings of this chain: `-w/2` becomes b = −w/2 with a first layer without bias.
    func experimentSettings(depth: Int, precision: Precision) -> ChainExperiment.Settings {
        ChainExperiment.Settings(activation: activation, weight: weight, bias: biasValue, firstBias: firstLayer?.bias,
                                 at: input, depth: depth, precision: precision)
    }

    func forecaster(maxDepth: Int) -> OverflowForecaster {
        OverflowForecaster(layer: layer, firstLayer: firstLayer, input: input, maxDepth: maxDepth)
    }

    /// The same chain as a nested formula with parameters w (and b): `relu(w*x)`,
    /// `tanh(w*x + b)`, or `sigmoid(w*x - w/2)` after `sigmoid(w*x)`.
    func formula() -> (formula: NestedFormula, parameters: [String: Double]) {
        let name = activation.name
        switch bias {
        case .value(0):
            return (try! NestedFormula(parsing: "\(name)(w*x)"), ["w": weight])
        case .value(let b):
            return (try! NestedFormula(parsing: "\(name)(w*x + b)"), ["w": weight, "b": b])
        case .minusHalfWeight:
            return (try! NestedFormula(parsing: "\(name)(w*x - w/2)", firstLayer: "\(name)(w*x)"), ["w": weight])
        }
    }

    /// "relu, w = 8, b = 0"
    var summary: String {
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
