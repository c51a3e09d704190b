import GradscopeNumerics
import RealModule

/// A small fully connected network on one input and one output: `depth` weight layers,
/// the hidden ones `width` units wide with activation φ, the last one linear:
///
///     y_0 = x,   y_l = φ(W_l·y_{l−1} + b_l)  (l < L),   y_L = W_L·y_{L−1} + b_L
///
/// W_1 is width×1, W_2…W_{L−1} width×width, W_L 1×width (PyTorch's `fanOut × fanIn`).
/// Group l holds W_l row-major, then b_l. By default the weights are drawn from
/// N(0, σ_w²/fanIn) (σ_w = `weightScale`, the mean-field convention, so σ_w = 8 explodes
/// as the chain with w = 8 does) and the biases are all `bias`.
public struct MLPNetwork: TrainableNetwork, Hashable {
    public var width: Int
    public var depth: Int
    public var activation: Activation
    /// σ_w of the default initialisation N(0, σ_w²/fanIn).
    public var weightScale: Double
    public var bias: Double
    /// Replaces the default initialisation of the weights, if set.
    public var initializer: Initializer?

    public init(width: Int, depth: Int, activation: Activation, weightScale: Double = 1, bias: Double = 0, initializer: Initializer? = nil) {
        precondition(width >= 1 && depth >= 2, "An MLP needs width ≥ 1 and at least 2 layers.")
        self.width = width
        self.depth = depth
        self.activation = activation
        self.weightScale = weightScale
        self.bias = bias
        self.initializer = initializer
    }

    /// (fanOut, fanIn) of layer l (1-based).
    public func shape(ofLayer l: Int) -> (fanOut: Int, fanIn: Int) {
        (l == depth ? 1 : width, l == 1 ? 1 : width)
    }

    public var groupNames: [String] { (1...depth).map { "layer \($0)" } }

    public var summary: String { "\(activation) MLP, \(depth) layers of width \(width)" }

    public func parameterName(group: Int, index: Int) -> String {
        let (fanOut, fanIn) = shape(ofLayer: group + 1)
        if index < fanOut * fanIn { return "W_\(group + 1)[\(index / fanIn + 1),\(index % fanIn + 1)]" }
        return "b_\(group + 1)[\(index - fanOut * fanIn + 1)]"
    }

    public func initialParameters<G: RandomNumberGenerator>(using generator: inout G) -> ParameterGroups<Double> {
        let values = (1...depth).map { l -> [Double] in
            let (fanOut, fanIn) = shape(ofLayer: l)
            let weights = (initializer ?? .normal(standardDeviation: weightScale / Double(fanIn).squareRoot()))
                .weights(fanIn: fanIn, fanOut: fanOut, using: &generator)
            return weights.elements + Array(repeating: bias, count: fanOut)
        }
        return ParameterGroups(names: groupNames, values: values)
    }

    public func reinitialized<G: RandomNumberGenerator>(_ parameters: ParameterGroups<Double>, with initializer: Initializer,
                                                       using generator: inout G) -> ParameterGroups<Double>? {
        var result = parameters
        for l in 1...depth {
            let (fanOut, fanIn) = shape(ofLayer: l)
            let existing = Matrix(rows: fanOut, columns: fanIn, elements: Array(parameters.values[l - 1].prefix(fanOut * fanIn)))
            let weights = initializer.weights(fanIn: fanIn, fanOut: fanOut, existing: existing, using: &generator)
            result.values[l - 1].replaceSubrange(0..<(fanOut * fanIn), with: weights.elements)
        }
        return result
    }

    public func replacingActivation(with activation: Activation) -> (any TrainableNetwork)? {
        var copy = self
        copy.activation = activation
        return copy
    }

    // Called through `any TrainableNetwork`, so without these the per-operation loops run as unspecialised generic code.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    @_specialize(where T == Float16)
    @_specialize(where T == BFloat16)
    public func lossAndGradients<T: GradFloat>(_ parameters: ParameterGroups<T>, data: RegressionData, lossScale: T,
                                               probe: inout OperationProbe) -> (loss: T, gradients: ParameterGroups<T>) {
        var trial = probe
        if let quiet = quietLossAndGradients(parameters, data: data, lossScale: lossScale, probe: &trial) {
            probe = trial
            return quiet
        }
        return probedLossAndGradients(parameters, data: data, lossScale: lossScale, probe: &probe)
    }

    /// The loss and gradients with every operation of the network passed to the probe, one at a
    /// time (the replay that names the first Inf, NaN or underflow). ``quietLossAndGradients(_:data:lossScale:probe:)``
    /// computes the same numbers, bit for bit, without it.
    func probedLossAndGradients<T: GradFloat>(_ parameters: ParameterGroups<T>, data: RegressionData, lossScale: T,
                                              probe: inout OperationProbe) -> (loss: T, gradients: ParameterGroups<T>) {
        var pass = CheckedPass()
        return run(&pass, parameters, data: data, lossScale: lossScale, probe: &probe)!
    }

    /// The pass that hands every multiplication, sum and activation of a layer to the probe, in
    /// the order the textbook loops run them (it never gives up).
    struct CheckedPass: MLPLayerPass {
        func forward<T: GradFloat>(layer l: Int, _ p: [T], inputs: [T], of network: MLPNetwork, count n: Int,
                                   probe: inout OperationProbe) -> (y: [T], slope: [T])? {
            let (fanOut, fanIn) = network.shape(ofLayer: l)
            let hidden = l < network.depth, activation = network.activation
            var y = [T](repeating: 0, count: n * fanOut), slope = [T](repeating: 1, count: n * fanOut)
            for i in 0..<n {
                for j in 0..<fanOut {
                    var sum: T = 0
                    for c in 0..<fanIn {
                        let w = p[j * fanIn + c], input = inputs[i * fanIn + c]
                        let product = w * input
                        probe.checkProduct(product, w, input, OperationSite(
                            .forward, layer: l, "W_\(l)[\(j + 1),\(c + 1)]·y_\(l - 1)[\(c + 1)]", kind: .multiply,
                            operands: [Operand("W_\(l)[\(j + 1),\(c + 1)]", Double(w), parameter: network.parameterName(group: l - 1, index: j * fanIn + c)),
                                       Operand("y_\(l - 1)[\(c + 1)]", Double(input))], sample: i))
                        let previous = sum
                        sum += product
                        probe.check(sum, OperationSite(.forward, layer: l, "a_\(l)[\(j + 1)] = Σ_c W_\(l)[\(j + 1),c]·y_\(l - 1)[c]", kind: .add,
                                                       operands: [Operand("sum so far", Double(previous)), Operand("next product", Double(product))], sample: i))
                    }
                    let b = p[fanOut * fanIn + j]
                    let a = sum + b
                    probe.check(a, OperationSite(.forward, layer: l, "a_\(l)[\(j + 1)] + b_\(l)[\(j + 1)]", kind: .add,
                                                 operands: [Operand("W·y", Double(sum)), Operand("b_\(l)[\(j + 1)]", Double(b), parameter: network.parameterName(group: l - 1, index: fanOut * fanIn + j))],
                                                 sample: i))
                    guard hidden else { y[i * fanOut + j] = a; continue }
                    let (value, derivative) = activation.valueAndDerivative(at: a)
                    probe.check(value, OperationSite(.forward, layer: l, "y_\(l)[\(j + 1)] = \(activation.name)(a_\(l)[\(j + 1)])", kind: .activation,
                                                     operands: [Operand("a_\(l)[\(j + 1)]", Double(a))], sample: i, exactResult: activation(Double(a))))
                    probe.checkSlope(derivative, logExactMagnitude: activation.logSlopeMagnitude(at: Double(a)), OperationSite(
                        .forward, layer: l, "φ'(a_\(l)[\(j + 1)])", kind: .activationSlope,
                        operands: [Operand("a_\(l)[\(j + 1)]", Double(a))], sample: i, exactResult: activation.derivative(at: Double(a))))
                    y[i * fanOut + j] = value
                    slope[i * fanOut + j] = derivative
                }
            }
            return (y, slope)
        }

        func backward<T: GradFloat>(layer l: Int, _ p: [T], inputs: [T], upstream: [T], slopes: [T], of network: MLPNetwork,
                                    count n: Int, gradient g: inout [T], probe: inout OperationProbe) -> [T]? {
            let (fanOut, fanIn) = network.shape(ofLayer: l)
            let depth = network.depth
            var next = [T](repeating: 0, count: n * fanIn)
            for i in 0..<n {
                for j in 0..<fanOut {
                    let up = upstream[i * fanOut + j], s = slopes[i * fanOut + j]
                    let gradA = l == depth ? up : up * s
                    if l < depth {
                        probe.checkProduct(gradA, up, s, OperationSite(.backward, layer: l, "∂L/∂a_\(l)[\(j + 1)] = ∂L/∂y_\(l)[\(j + 1)]·φ'(a_\(l)[\(j + 1)])",
                                                                       kind: .multiply, operands: [Operand("∂L/∂y_\(l)[\(j + 1)]", Double(up)), Operand("φ'", Double(s))], sample: i))
                    }
                    for c in 0..<fanIn {
                        let input = inputs[i * fanIn + c]
                        let gw = gradA * input
                        probe.checkProduct(gw, gradA, input, OperationSite(.backward, layer: l, "∂L/∂W_\(l)[\(j + 1),\(c + 1)] = ∂L/∂a_\(l)[\(j + 1)]·y_\(l - 1)[\(c + 1)]",
                                                                       kind: .multiply, operands: [Operand("∂L/∂a_\(l)[\(j + 1)]", Double(gradA)), Operand("y_\(l - 1)[\(c + 1)]", Double(input))], sample: i))
                        let old = g[j * fanIn + c]
                        g[j * fanIn + c] += gw
                        probe.check(g[j * fanIn + c], OperationSite(.backward, layer: l, "Σ_x ∂L/∂W_\(l)[\(j + 1),\(c + 1)]", kind: .add,
                                                                   operands: [Operand("sum so far", Double(old)), Operand("this x", Double(gw))], sample: i))
                        guard l > 1 else { continue }
                        let w = p[j * fanIn + c]
                        let back = gradA * w
                        probe.checkProduct(back, gradA, w, OperationSite(.backward, layer: l, "∂L/∂a_\(l)[\(j + 1)]·W_\(l)[\(j + 1),\(c + 1)]", kind: .multiply,
                                                                         operands: [Operand("∂L/∂a_\(l)[\(j + 1)]", Double(gradA)), Operand("W_\(l)[\(j + 1),\(c + 1)]", Double(w), parameter: network.parameterName(group: l - 1, index: j * fanIn + c))], sample: i))
                        let oldNext = next[i * fanIn + c]
                        next[i * fanIn + c] += back
                        probe.check(next[i * fanIn + c], OperationSite(.backward, layer: l, "∂L/∂y_\(l - 1)[\(c + 1)] = Σ_j ∂L/∂a_\(l)[j]·W_\(l)[j,\(c + 1)]", kind: .add,
                                                                       operands: [Operand("sum so far", Double(oldNext)), Operand("next term", Double(back))], sample: i))
                    }
                    let old = g[fanOut * fanIn + j]
                    g[fanOut * fanIn + j] += gradA
                    probe.check(g[fanOut * fanIn + j], OperationSite(.backward, layer: l, "Σ_x ∂L/∂b_\(l)[\(j + 1)]", kind: .add,
                                                                     operands: [Operand("sum so far", Double(old)), Operand("this x", Double(gradA))], sample: i))
                }
            }
            return next
        }
    }
}
