import GradscopeNumerics
/// The values of one forward and backward pass of a ``WideNetwork`` over a batch, layer by layer
/// (each array holds the batch sample after sample, N values each).
public struct WideNetworkPass: Sendable {
    public let width: Int
    public let batch: Int
    public let input: [Double]
    /// The read-out v of the loss `L = Σ_b v_b · x_L,b`.
    public let readout: [Double]
    /// h_l for l = 1…L.
    public let preactivations: [[Double]]
    /// x_l = φ(h_l).
    public let activations: [[Double]]
    /// ∂L/∂h_l.
    public let gradients: [[Double]]

    /// ‖∂L/∂h_l‖ for l = 1…L: the root mean over the batch of Σ_j (∂L/∂h_l,j)².
    public var gradientNorms: [Double] {
        gradients.map { (Self.sumOfSquares($0) / Double(batch)).squareRoot() }
    }

    /// The per-layer statistics.
    public var layerStatistics: [WideLayerStatistics] {
        let norms = gradientNorms
        return preactivations.indices.map { l in
            WideLayerStatistics(layer: l + 1, preactivationMean: Self.mean(preactivations[l]),
                                preactivationVariance: Self.variance(preactivations[l]),
                                activationMean: Self.mean(activations[l]), activationVariance: Self.variance(activations[l]),
                                gradientNorm: norms[l])
        }
    }

    static func sumOfSquares(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 } }
    static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
    static func variance(_ v: [Double]) -> Double {
        let m = mean(v)
        return v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count)
    }
}

/// One layer's statistics over all units and samples of a batch.
public struct WideLayerStatistics: Sendable, Hashable, Codable {
    public var layer: Int
    public var preactivationMean: Double
    /// Var(h_l) over units and samples; the mean-field q^l (the mean over the weights is 0).
    public var preactivationVariance: Double
    public var activationMean: Double
    /// Var(φ(h_l)).
    public var activationVariance: Double
    /// ‖∂L/∂h_l‖, root mean square over the batch.
    public var gradientNorm: Double
}
