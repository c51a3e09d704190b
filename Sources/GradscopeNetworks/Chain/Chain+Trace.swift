import GradscopeNumerics
/// Everything about one input's trip through a chain, layer by layer.
///
/// Forward: `a_l = w_l·y_{l−1} + b_l`, `y_l = φ(a_l)`, `dy_l/dx = (dy_{l−1}/dx·w_l)·φ'(a_l)`.
/// Backward (reverse mode from the last layer L):
///
///     ∂y_L/∂b_l = ∂y_L/∂a_l = (∂y_L/∂a_{l+1}·w_{l+1})·φ'(a_l),   ∂y_L/∂a_L = φ'(a_L)
///     ∂y_L/∂w_l = ∂y_L/∂b_l · y_{l−1}
///
/// so `∂y_L/∂b_1` carries the product of every later layer's `w·φ'`.
public struct ChainTrace<T: GradFloat>: Sendable {
    /// One layer's numbers.
    public struct Layer: Sendable {
        /// The 1-based layer index l.
        public var index: Int
        /// The pre-activation `a_l = w_l·y_{l−1} + b_l`.
        public var preactivation: T
        /// The output `y_l = φ(a_l)`.
        public var output: T
        /// The activation's slope `φ'(a_l)`.
        public var slope: T
        /// The running product `dy_l/dx`.
        public var dydx: T
        /// `∂y_L/∂w_l` for the last layer L.
        public var outputGradientWeight: T
        /// `∂y_L/∂b_l` for the last layer L.
        public var outputGradientBias: T
    }

    /// The input x.
    public var input: T
    /// The layers, first to last.
    public var layers: [Layer]
}

extension Chain {
    /// Runs `x` forward and back through the chain in precision `T`.
    public func trace<T: GradFloat>(at x: T) -> ChainTrace<T> {
        let kernels = recurrences(in: T.self)
        var traced: [ChainTrace<T>.Layer] = []
        traced.reserveCapacity(depth)
        var input = x
        var slope: T = 1
        for (l, kernel) in kernels.enumerated() {
            let step = kernel.forward(input)
            slope = kernel.carry(slope, slope: step.slope).carried
            traced.append(.init(index: l + 1, preactivation: step.preactivation, output: step.output,
                                slope: step.slope, dydx: slope, outputGradientWeight: 0, outputGradientBias: 0))
            input = step.output
        }
        var upstream: T = 1  // ∂y_L/∂y_l
        for l in stride(from: depth - 1, through: 0, by: -1) {
            let gradient = kernels[l].backward(upstream, slope: traced[l].slope)
            traced[l].outputGradientBias = gradient.preactivation
            traced[l].outputGradientWeight = gradient.preactivation * (l == 0 ? x : traced[l - 1].output)
            upstream = gradient.input
        }
        return ChainTrace(input: x, layers: traced)
    }
}
