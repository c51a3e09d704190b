import GradscopeNumerics
/// A single-unit chain trained on its weights and biases: `y_l = φ_l(w_l·y_{l−1} + b_l)`,
/// one parameter group `[w_l, b_l]` per layer.
///
/// Back-propagation for one input (layer-major over the data, as a batched framework does):
///
///     ∂L/∂a_l = ∂L/∂y_l · φ'(a_l),   ∂L/∂w_l = Σ_i ∂L/∂a_l · y_{l−1},   ∂L/∂b_l = Σ_i ∂L/∂a_l
///     ∂L/∂y_{l−1} = ∂L/∂a_l · w_l
///
/// so `∂L/∂b_1` carries the product of every layer's `w·φ'(a)`, the post's exploding product.
///
/// ```swift
/// let net = ChainNetwork(chain: Chain(activation: .tanh, weight: 8, depth: 50))
/// var probe = OperationProbe(precision: .float32)
/// let (loss, g) = net.lossAndGradients(net.initialParameters(using: &rng).converted(to: Float.self),
///                                      data: data, lossScale: 1, probe: &probe)
/// ```
public struct ChainNetwork: TrainableNetwork, Hashable {
    /// The chain whose weights and biases are the starting parameters.
    public var chain: Chain

    public init(chain: Chain) { self.chain = chain }

    public var groupNames: [String] { (1...chain.depth).map { "layer \($0)" } }

    public func parameterName(group: Int, index: Int) -> String { "\(index == 0 ? "w" : "b")_\(group + 1)" }

    public var summary: String {
        let activations = Set(chain.layers.map(\.activation))
        let name = activations.count == 1 ? "\(chain.layers[0].activation)" : "mixed"
        return "\(name) chain, \(chain.depth) layer\(chain.depth == 1 ? "" : "s")"
    }

    public func initialParameters<G: RandomNumberGenerator>(using generator: inout G) -> ParameterGroups<Double> {
        ParameterGroups(names: groupNames, values: chain.layers.map { [$0.weight, $0.bias] })
    }

    /// Each layer's 1×1 weight re-drawn (Xavier: N(0, 1), He: N(0, 2), orthogonal: ±gain, identity: scale).
    public func reinitialized<G: RandomNumberGenerator>(_ parameters: ParameterGroups<Double>, with initializer: Initializer,
                                                       using generator: inout G) -> ParameterGroups<Double>? {
        var result = parameters
        for l in result.values.indices {
            let existing = Matrix<Double>(rows: 1, columns: 1, elements: [result.values[l][0]])
            result.values[l][0] = initializer.weights(fanIn: 1, fanOut: 1, existing: existing, using: &generator)[0, 0]
        }
        return result
    }

    public func replacingActivation(with activation: Activation) -> (any TrainableNetwork)? {
        var copy = self
        for l in copy.chain.layers.indices { copy.chain.layers[l].activation = activation }
        return copy
    }

    public func lossAndGradients<T: GradFloat>(_ parameters: ParameterGroups<T>, data: RegressionData, lossScale: T,
                                               probe: inout OperationProbe) -> (loss: T, gradients: ParameterGroups<T>) {
        let depth = chain.depth, n = data.count
        precondition(parameters.values.count == depth, "Expected \(depth) layers of parameters.")
        // Forward: outputs[l] holds y_l (outputs[0] = x), slopes[l − 1] holds φ'(a_l).
        var outputs: [[T]] = [data.xs.map { T($0) }]
        var slopes: [[T]] = []
        outputs.reserveCapacity(depth + 1)
        slopes.reserveCapacity(depth)
        let kernels = (1...depth).map { l in
            ChainRecurrence(activation: chain.layers[l - 1].activation,
                            weight: parameters.values[l - 1][0], bias: parameters.values[l - 1][1])
        }
        for l in 1...depth {
            let kernel = kernels[l - 1]
            let (w, b, activation) = (kernel.weight, kernel.bias, kernel.activation)
            let inputs = outputs[l - 1]
            var y = [T](repeating: 0, count: n), slope = [T](repeating: 0, count: n)
            for i in 0..<n {
                let step = kernel.forward(inputs[i])
                let (product, a) = (step.product, step.preactivation)
                probe.checkProduct(product, w, inputs[i], OperationSite(
                    .forward, layer: l, "w_\(l)·y_\(l - 1)", kind: .multiply,
                    operands: [Operand("w_\(l)", Double(w), parameter: "w_\(l)"), Operand("y_\(l - 1)", Double(inputs[i]))],
                    sample: i, exactValue: forwardGrowth(outputs, layer: l, sample: i, weight: Double(w))))
                probe.check(a, OperationSite(.forward, layer: l, "a_\(l) = w_\(l)·y_\(l - 1) + b_\(l)", kind: .add,
                                             operands: [Operand("w_\(l)·y_\(l - 1)", Double(product)), Operand("b_\(l)", Double(b), parameter: "b_\(l)")],
                                             sample: i))
                let (value, derivative) = (step.output, step.slope)
                probe.check(value, OperationSite(.forward, layer: l, "y_\(l) = \(activation.name)(a_\(l))", kind: .activation,
                                                 operands: [Operand("a_\(l)", Double(a))], sample: i, exactResult: activation(Double(a))))
                probe.checkSlope(derivative, logExactMagnitude: activation.logSlopeMagnitude(at: Double(a)), OperationSite(
                    .forward, layer: l, "φ'(a_\(l)) = \(activation.name)'(a_\(l))", kind: .activationSlope,
                    operands: [Operand("a_\(l)", Double(a))], sample: i, exactResult: activation.derivative(at: Double(a))))
                y[i] = value
                slope[i] = derivative
            }
            outputs.append(y)
            slopes.append(slope)
        }
        let (loss, seeds) = MeanSquaredError.lossAndSeeds(outputs: outputs[depth], targets: data.targets, lossScale: lossScale, probe: &probe)

        // Backward, from layer L down; upstream[i] = ∂L/∂y_l for input i.
        var gradients = ParameterGroups(repeating: T(0), like: parameters)
        var upstream = seeds
        for l in stride(from: depth, through: 1, by: -1) {
            let w = kernels[l - 1].weight
            var gradW: T = 0, gradB: T = 0
            for i in 0..<n {
                let (gradA, next) = kernels[l - 1].backward(upstream[i], slope: slopes[l - 1][i])
                probe.checkProduct(gradA, upstream[i], slopes[l - 1][i], OperationSite(
                    .backward, layer: l, "∂L/∂a_\(l) = ∂L/∂y_\(l)·φ'(a_\(l))", kind: .multiply,
                    operands: [Operand("∂L/∂y_\(l)", Double(upstream[i])), Operand("φ'(a_\(l))", Double(slopes[l - 1][i]))],
                    sample: i, exactValue: backwardProduct(parameters, slopes, seeds, layer: l, sample: i, throughWeight: false)))
                let input = outputs[l - 1][i]
                let gw = gradA * input
                probe.checkProduct(gw, gradA, input, OperationSite(
                    .backward, layer: l, "∂L/∂w_\(l) = ∂L/∂a_\(l)·y_\(l - 1)", kind: .multiply,
                    operands: [Operand("∂L/∂a_\(l)", Double(gradA)), Operand("y_\(l - 1)", Double(input))], sample: i))
                let (oldW, oldB) = (gradW, gradB)
                gradW += gw
                probe.check(gradW, OperationSite(.backward, layer: l, "Σ_x ∂L/∂w_\(l)", kind: .add,
                                                 operands: [Operand("sum so far", Double(oldW)), Operand("∂L/∂w_\(l) at this x", Double(gw))], sample: i))
                gradB += gradA
                probe.check(gradB, OperationSite(.backward, layer: l, "Σ_x ∂L/∂b_\(l)", kind: .add,
                                                 operands: [Operand("sum so far", Double(oldB)), Operand("∂L/∂a_\(l) at this x", Double(gradA))], sample: i))
                if l > 1 {
                    probe.checkProduct(next, gradA, w, OperationSite(
                        .backward, layer: l, "∂L/∂y_\(l - 1) = ∂L/∂a_\(l)·w_\(l)", kind: .multiply,
                        operands: [Operand("∂L/∂a_\(l)", Double(gradA)), Operand("w_\(l)", Double(w), parameter: "w_\(l)")],
                        sample: i, exactValue: backwardProduct(parameters, slopes, seeds, layer: l, sample: i, throughWeight: true)))
                    upstream[i] = next
                }
            }
            gradients.values[l - 1] = [gradW, gradB]
        }
        return (loss, gradients)
    }

    /// "the product of 43 factors w·φ'(a) = 8 and x = 1": y_{l−1} as the product of the
    /// earlier layers' growth y_k/y_{k−1}, times this layer's weight. Nil unless every
    /// earlier layer scaled its input (y_k/y_{k−1} finite and nonzero).
    private func forwardGrowth<T: GradFloat>(_ outputs: [[T]], layer l: Int, sample i: Int, weight: Double) -> String? {
        let ys = outputs.map { Double($0[i]) }
        guard ys[0] != 0 else { return nil }
        var factors: [Double] = []
        for k in 1..<l {
            let ratio = ys[k] / ys[k - 1]
            guard ratio.isFinite, ratio != 0 else { return nil }
            factors.append(ratio)
        }
        factors.append(weight)
        return FactorProduct.describe(factors, named: "(w_\(l) and the \(l - 1) layer gains y_k/y_{k−1} before it)", times: [("x", ys[0])])
    }

    /// "the product of 45 factors w·φ'(a) = 8 and ∂L/∂y_L = -0.0238": the seed times the
    /// factors w_k·φ'(a_k) of the layers above, written out:
    ///
    ///     ∂L/∂a_l     = ∂L/∂y_L · Π_{k>l} w_k·φ'(a_k) · φ'(a_l)
    ///     ∂L/∂y_{l−1} = ∂L/∂y_L · Π_{k≥l} w_k·φ'(a_k)          (throughWeight)
    private func backwardProduct<T: GradFloat>(_ parameters: ParameterGroups<T>, _ slopes: [[T]], _ seeds: [T],
                                               layer l: Int, sample i: Int, throughWeight: Bool) -> String {
        let first = throughWeight ? l : l + 1
        let factors = first > chain.depth ? [] : (first...chain.depth).map {
            Double(parameters.values[$0 - 1][0]) * Double(slopes[$0 - 1][i])
        }
        var extras = [("∂L/∂y_L", Double(seeds[i]))]
        let slope = Double(slopes[l - 1][i])
        if !throughWeight, slope != 1 { extras.append(("φ'(a_\(l))", slope)) }
        return FactorProduct.describe(factors, named: "w·φ'(a)", times: extras)
    }
}
