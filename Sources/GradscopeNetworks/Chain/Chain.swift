import GradscopeNumerics
/// A single-unit chain, the post's network with one unit per layer:
///
///     y_0 = x,   a_l = w_l·y_{l−1} + b_l,   y_l = φ_l(a_l),   l = 1…L
///
/// Its input–output slope is the product the post talks about,
/// `dy_L/dx = Π_l w_l·φ_l'(a_l)`, which grows or shrinks exponentially with L.
///
/// ```swift
/// let chain = Chain(activation: .relu, weight: 8, depth: 3)
/// chain.trace(at: 1.0).layers.map(\.dydx)   // [8, 64, 512]
/// ```
public struct Chain: Hashable, Sendable {
    /// The layers, first to last.
    public var layers: [ChainLayer]

    /// A chain of the given layers.
    public init(layers: [ChainLayer]) {
        precondition(!layers.isEmpty, "A chain needs at least one layer.")
        self.layers = layers
    }

    /// A chain whose layers share one activation, weight and bias, optionally
    /// with a different first layer (the post's S5: `sig(w·x)`, then `sig(w·y − w/2)`).
    public init(activation: Activation, weight: Double, bias: Double = 0, depth: Int, firstLayer: ChainLayer? = nil) {
        precondition(depth >= 1, "A chain needs at least one layer.")
        var layers = Array(repeating: ChainLayer(activation: activation, weight: weight, bias: bias), count: depth)
        if let firstLayer { layers[0] = firstLayer }
        self.init(layers: layers)
    }

    /// The number of layers L.
    public var depth: Int { layers.count }

    /// The first `depth` layers of this chain.
    public func prefix(_ depth: Int) -> Chain {
        Chain(layers: Array(layers.prefix(depth)))
    }
}

extension Chain {
    /// Each layer as the shared kernel ``ChainRecurrence`` in precision `T`, weights and biases rounded to `T`.
    func recurrences<T: GradFloat>(in _: T.Type = T.self) -> [ChainRecurrence<T>] {
        layers.map(ChainRecurrence.init)
    }
}
