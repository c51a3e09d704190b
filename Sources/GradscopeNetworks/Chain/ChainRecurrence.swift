import GradscopeNumerics
/// One layer of the post's recurrence in precision `T`, the one kernel that traces,
/// sweeps, parameter gradients, training and observed runs of single-unit chains share:
///
///     forward:       a = w·y + b   (two roundings, no fused multiply-add),   y' = φ(a),   φ'(a)
///     forward mode:  d' = (d·w)·φ'(a)                 (d = dy/dx or ∂y/∂b₁, carried up the chain)
///     reverse mode:  ∂/∂a = u·φ'(a),   ∂/∂y = (∂/∂a)·w   (u = the gradient arriving at the output y')
///
/// every operation rounded to `T` in exactly this order, so that every caller gets the same bits.
/// NaN and ±Inf propagate by IEEE rules (`Inf·0` is NaN); ``Activation`` gives φ and φ' at ±Inf.
/// The vectorised C sweep (``ChainKernels``) computes the same recurrence and is tested against it.
///
/// ```swift
/// let layer = ChainRecurrence<Float>(ChainLayer(activation: .relu, weight: 8))
/// let step = layer.forward(1)            // a = 8, y = 8, φ'(a) = 1
/// layer.carry(1, slope: step.slope)      // (8, 8): d·w and (d·w)·φ'(a)
/// layer.backward(1, slope: step.slope)   // (1, 8): ∂/∂a and ∂/∂y
/// ```
public struct ChainRecurrence<T: GradFloat>: Sendable {
    /// The activation φ.
    public let activation: Activation
    /// The weight w, rounded to `T`.
    public let weight: T
    /// The bias b, rounded to `T`.
    public let bias: T

    /// The layer with its weight and bias already in `T` (a trained network's parameters).
    @inlinable
    public init(activation: Activation, weight: T, bias: T) {
        self.activation = activation
        self.weight = weight
        self.bias = bias
    }

    /// The layer with its weight and bias rounded to `T`.
    @inlinable
    public init(_ layer: ChainLayer) {
        self.init(activation: layer.activation, weight: T(layer.weight), bias: T(layer.bias))
    }

    /// The values of one forward step.
    public struct Step: Sendable {
        /// `w·y`, rounded.
        public var product: T
        /// `a = w·y + b`, the product rounded and then the sum.
        public var preactivation: T
        /// `φ(a)`.
        public var output: T
        /// `φ'(a)`.
        public var slope: T

        @inlinable
        init(product: T, preactivation: T, output: T, slope: T) {
            self.product = product
            self.preactivation = preactivation
            self.output = output
            self.slope = slope
        }
    }

    /// `a = w·y + b`, `φ(a)` and `φ'(a)` for the input `y`.
    @inlinable
    public func forward(_ input: T) -> Step {
        let product = weight * input
        let a = product + bias
        let (output, slope) = activation.valueAndDerivative(at: a)
        return Step(product: product, preactivation: a, output: output, slope: slope)
    }

    /// Forward mode through this layer: `d·w`, then `(d·w)·φ'(a)`.
    ///
    /// - Parameters:
    ///   - d: the derivative carried so far (`dy_{l−1}/dx`, or `∂y_{l−1}/∂b₁`).
    ///   - slope: this layer's `φ'(a)`, from ``forward(_:)``.
    /// - Returns: the intermediate product `d·w` (its overflow is reported on its own) and `d_l`.
    @inlinable
    public func carry(_ d: T, slope: T) -> (scaled: T, carried: T) {
        let scaled = d * weight
        return (scaled, scaled * slope)
    }

    /// Reverse mode through this layer: `∂/∂a = u·φ'(a)` (which is also `∂/∂b`), then `∂/∂y = (∂/∂a)·w`.
    ///
    /// - Parameters:
    ///   - upstream: `u`, the gradient with respect to this layer's output.
    ///   - slope: this layer's `φ'(a)`, from ``forward(_:)``.
    /// - Returns: the gradient with respect to the pre-activation and to the input `y_{l−1}`;
    ///   `∂/∂w` is `preactivation·y_{l−1}`.
    @inlinable
    public func backward(_ upstream: T, slope: T) -> (preactivation: T, input: T) {
        let gradA = upstream * slope
        return (gradA, gradA * weight)
    }
}
