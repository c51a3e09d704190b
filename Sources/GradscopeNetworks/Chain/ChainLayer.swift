import GradscopeNumerics
/// One layer of a single-unit chain: `y_l = φ(w·y_{l−1} + b)`.
public struct ChainLayer: Hashable, Sendable {
    /// The activation φ.
    public var activation: Activation
    /// The weight w.
    public var weight: Double
    /// The bias b.
    public var bias: Double

    public init(activation: Activation, weight: Double, bias: Double = 0) {
        self.activation = activation
        self.weight = weight
        self.bias = bias
    }
}
