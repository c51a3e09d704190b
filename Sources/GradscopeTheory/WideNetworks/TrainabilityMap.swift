import GradscopeNumerics
import RealModule

/// Which (σ_w², depth) give usable gradients at initialisation, measured on random networks:
/// a depth-L network (the first L layers of one deep ``WideNetwork`` per σ_w²) counts as
/// trainable when `‖∂L/∂h_1‖ / ‖∂L/∂h_L‖` lies within [10⁻³, 10³], with the gradient seeded by a
/// random read-out at layer L. Beside it the theory's bound 6ξ_c (Schoenholz et al. 2017:
/// networks deeper than about 6ξ_c do not train).
///
/// The columns are split across the cores; cell values are log10 of the ratio, averaged over seeds.
public struct TrainabilityMap: Sendable {
    public let activation: Activation
    public let sigmaB2: Double
    public let width: Int
    public let sigmaW2s: [Double]
    public let depths: [Int]
    /// log10(‖∂L/∂h_1‖/‖∂L/∂h_L‖), `[depthIndex][sigmaW2Index]`, mean over seeds of the log.
    public let log10Ratios: [[Double]]
    /// ξ_c at each σ_w².
    public let correlationDepths: [Double]

    /// The trainable band of log10 ratios: ±3.
    public static let limit = 3.0

    /// - Parameter isCancelled: asked before each column; once true the remaining columns are NaN
    ///   (the caller checks it again and discards the map).
    public init(activation: Activation, sigmaB2: Double, sigmaW2s: [Double], depths: [Int], width: Int,
                batch: Int = 4, seeds: Int = 1, seed: UInt64 = 1, progress: (@Sendable () -> Void)? = nil,
                isCancelled: (@Sendable () -> Bool)? = nil) {
        precondition(!sigmaW2s.isEmpty && !depths.isEmpty && depths.allSatisfy { $0 >= 1 }, "A trainability map needs σ_w²s and depths ≥ 1.")
        self.activation = activation
        self.sigmaB2 = sigmaB2
        self.width = width
        self.sigmaW2s = sigmaW2s
        self.depths = depths
        let maxDepth = depths.max()!
        let columns = ParallelGrid.map(sigmaW2s.count * seeds) { cell -> [Double] in
            defer { progress?() }
            if isCancelled?() == true { return [Double](repeating: .nan, count: depths.count) }
            let column = cell / seeds
            let network = WideNetwork(width: width, depth: maxDepth, activation: activation,
                                      initialization: .meanField(sigmaW2: sigmaW2s[column], width: width), sigmaB2: sigmaB2,
                                      seed: seed &+ UInt64(cell) &* 7919, isCancelled: isCancelled)
            if isCancelled?() == true { return [Double](repeating: .nan, count: depths.count) }
            return network.log10GradientRatios(depths: depths, batch: batch, seed: seed &+ UInt64(cell))
        }
        log10Ratios = depths.indices.map { d in
            sigmaW2s.indices.map { c in
                (0..<seeds).reduce(0.0) { $0 + columns[c * seeds + $1][d] } / Double(seeds)
            }
        }
        correlationDepths = ParallelGrid.map(sigmaW2s.count) { c in
            MeanField(activation: activation, sigmaW2: sigmaW2s[c], sigmaB2: sigmaB2).fixedPoint().xiC
        }
    }

    /// Whether the cell is trainable by the gradient-ratio criterion.
    public func isTrainable(depthIndex d: Int, sigmaW2Index c: Int) -> Bool {
        abs(log10Ratios[d][c]) <= Self.limit
    }
}

extension WideNetwork {
    /// log10(‖∂L/∂h_1‖/‖∂L/∂h_L‖) of the sub-network of the first L layers, for each L in `depths`,
    /// from one forward pass (inputs and read-outs drawn from `seed`). Non-finite ratios
    /// (a gradient that underflows to 0 or overflows) are ±Inf.
    public func log10GradientRatios(depths: [Int], batch: Int, seed: UInt64) -> [Double] {
        var random = Xoshiro256StarStar(seed: seed)
        let n = width
        var x = (0..<batch * n).map { _ in random.nextGaussian() }
        var slopes: [[Double]] = []
        let maxDepth = min(depth, depths.max() ?? depth)
        for l in 0..<maxDepth {
            let h = Self.multiply(weights[l], x, adding: biases[l], width: n, batch: batch)
            var s = h
            for i in h.indices { (x[i], s[i]) = activation.valueAndDerivative(at: h[i]) }
            slopes.append(s)
        }
        return depths.map { top in
            let readout = (0..<batch * n).map { _ in random.nextGaussian() }
            var delta = zip(slopes[top - 1], readout).map { $0 * $1 }
            let topNorm = WideNetworkPass.sumOfSquares(delta)
            for l in stride(from: top - 2, through: 0, by: -1) {
                let back = Self.multiplyTransposed(weights[l + 1], delta, width: n, batch: batch)
                delta = zip(slopes[l], back).map { $0 * $1 }
            }
            let bottomNorm = WideNetworkPass.sumOfSquares(delta)
            return Double.log10(bottomNorm / topNorm) / 2
        }
    }
}
