import GradscopeNumerics
import RealModule

/// Mean-field prediction beside measurement: the back-propagated gradient norms ‖∂L/∂h_l‖ of
/// several random ``WideNetwork``s (one per seed) and the theory's
///
///     E‖∂L/∂h_l‖² ∝ χ₁^(L−l)        (per layer: E‖∂L/∂h_l‖² = χ(q^l) E‖∂L/∂h_{l+1}‖², χ(q) = σ_w² E[φ'(√q z)²])
///
/// The agreement is one number per seed: the least-squares slope of ln‖∂L/∂h_l‖² against l over
/// the layers where χ(q^l) is within 1% of χ₁ (the length has converged), negated so that it
/// estimates ln χ₁, the growth per layer towards the input. Its mean over seeds and standard error
/// sit beside ln χ₁. At finite width the log of a norm is biased low by about the variance of its
/// per-layer fluctuation, O(1/N) per layer (Hanin 2018), which the tests allow for.
public struct GradientGrowth: Sendable {
    public let width: Int
    public let depth: Int
    public let batch: Int
    public let activation: Activation
    public let initialization: Initializer
    public let sigmaB2: Double
    /// The theory at the network's σ_w², σ_b².
    public let point: MeanFieldPoint
    /// q^l, l = 1…L, from the input's mean square 1.
    public let predictedLengths: [Double]
    /// χ(q^l), l = 1…L.
    public let layerFactors: [Double]
    /// ‖∂L/∂h_l‖ per seed (rows) and layer (columns).
    public let measuredNorms: [[Double]]
    /// The per-layer statistics of the first seed's network.
    public let firstStatistics: [WideLayerStatistics]
    /// The first layer (1-based) of the fit.
    public let fitStart: Int
    /// −d ln‖∂L/∂h_l‖²/dl, fitted per seed.
    public let fittedGrowths: [Double]

    /// Builds `seeds` networks (seeds `seed`, `seed + 1`, …), split across the cores, and passes a batch through each.
    /// - Parameter isCancelled: asked before each layer's weights are drawn; once true the remaining networks are
    ///   skipped and their norms are NaN, so the result must be discarded (the caller checks it again).
    public init(width: Int, depth: Int, activation: Activation, initialization: Initializer, sigmaB2: Double,
                batch: Int, seeds: Int, seed: UInt64, isCancelled: (@Sendable () -> Bool)? = nil) {
        precondition(depth >= 2 && seeds >= 1, "A growth fit needs depth ≥ 2 and at least one seed.")
        self.width = width
        self.depth = depth
        self.batch = batch
        self.activation = activation
        self.initialization = initialization
        self.sigmaB2 = sigmaB2
        let theory = MeanField(activation: activation, sigmaW2: initialization.sigmaW2(width: width) ?? .nan, sigmaB2: sigmaB2)
        point = theory.fixedPoint()
        predictedLengths = theory.lengths(inputMeanSquare: 1, depth: depth)
        layerFactors = predictedLengths.map(theory.gradientFactor(atVariance:))
        let runs = ParallelGrid.map(seeds) { s -> (norms: [Double], statistics: [WideLayerStatistics]) in
            let network = WideNetwork(width: width, depth: depth, activation: activation, initialization: initialization,
                                      sigmaB2: sigmaB2, seed: seed &+ UInt64(s), isCancelled: isCancelled)
            guard let pass = network.pass(batch: batch, seed: (seed &+ UInt64(s)) ^ 0x5EED_BA7C, isCancelled: isCancelled ?? { false })
            else { return ([Double](repeating: .nan, count: depth), []) }
            return (pass.gradientNorms, s == 0 ? pass.layerStatistics : [])
        }
        measuredNorms = runs.map(\.norms)
        firstStatistics = runs[0].statistics
        let chi1 = point.chi1
        let converged = layerFactors.firstIndex { abs($0 - chi1) <= 0.01 * abs(chi1) } ?? 0
        fitStart = min(converged + 1, max(1, depth - 3))
        let layers = Array(fitStart...depth)
        fittedGrowths = measuredNorms.map { norms in
            -Self.slope(xs: layers.map(Double.init), ys: layers.map { 2 * Double.log(norms[$0 - 1]) })
        }
    }

    /// ln χ₁, the predicted growth of ln‖∂L/∂h_l‖² per layer towards the input.
    public var predictedGrowth: Double { Double.log(point.chi1) }

    /// The mean of the fitted growths.
    public var fittedGrowth: Double { fittedGrowths.reduce(0, +) / Double(fittedGrowths.count) }

    /// The standard error of the mean fitted growth (NaN for one seed).
    public var standardError: Double {
        let n = Double(fittedGrowths.count), m = fittedGrowth
        guard n > 1 else { return .nan }
        return (fittedGrowths.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1) / n).squareRoot()
    }

    /// The root mean square over seeds of ‖∂L/∂h_l‖, l = 1…L.
    public var meanNorms: [Double] {
        (0..<depth).map { l in (measuredNorms.reduce(0) { $0 + $1[l] * $1[l] } / Double(measuredNorms.count)).squareRoot() }
    }

    /// χ₁^((L−l)/2) times the measured top-layer norm: the prediction the issue names.
    public var predictedNorms: [Double] {
        let top = meanNorms[depth - 1]
        return (1...depth).map { l in top * Double.pow(point.chi1, Double(depth - l) / 2) }
    }

    /// The layer-by-layer prediction `‖∂L/∂h_L‖·√(Π_{k=l}^{L−1} χ(q^k))`, which also covers the layers before q^l converges.
    public var predictedNormsByLayer: [Double] {
        var result = [Double](repeating: 0, count: depth)
        var logSum = 0.0
        let top = meanNorms[depth - 1]
        for l in stride(from: depth, through: 1, by: -1) {
            result[l - 1] = top * Double.exp(logSum / 2)
            if l >= 2 { logSum += Double.log(layerFactors[l - 2]) }
        }
        return result
    }

    /// The least-squares slope of ys against xs.
    static func slope(xs: [Double], ys: [Double]) -> Double {
        let n = Double(xs.count)
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(xs, ys) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx) }
        return sxy / sxx
    }
}
