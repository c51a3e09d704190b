import RealModule

/// How the weights of a wide network's `fanOut × fanIn` layers are drawn (row-major).
///
///     gaussian(σ_w²)        W ~ N(0, σ_w²/fanIn)                    (the mean-field convention)
///     xavierNormal(gain)    W ~ N(0, gain²·2/(fanIn + fanOut))      (Glorot & Bengio 2010)
///     xavierUniform(gain)   W ~ U(−a, a), a = gain·√(6/(fanIn + fanOut)), variance gain²·2/(fanIn + fanOut)
///     he(fan)               W ~ N(0, 2/fan), fan = fanIn or fanOut  (He et al. 2015)
///     orthogonal(gain)      W = gain·Q, Q with orthonormal rows or columns from the QR of a Gaussian matrix (Saxe et al. 2014)
///
/// PyTorch's gains (`torch.nn.init.calculate_gain`) are ``pytorchGain(for:)``: tanh 5/3,
/// relu √2, leaky relu √(2/(1 + slope²)), 1 otherwise.
/// For square layers the mean-field σ_w² of a scheme is its variance × fanIn: ``sigmaW2(width:)``.
///
/// References: [Glorot & Bengio 2010](https://proceedings.mlr.press/v9/glorot10a.html),
/// [He et al. 2015](https://arxiv.org/abs/1502.01852), [Saxe et al. 2014](https://arxiv.org/abs/1312.6120).
public enum WideInitialization: Sendable, Hashable {
    case gaussian(sigmaW2: Double)
    case xavierNormal(gain: Double)
    case xavierUniform(gain: Double)
    case he(fan: Fan)
    case orthogonal(gain: Double)

    /// Which dimension He initialisation divides by.
    public enum Fan: String, Sendable, Hashable {
        case fanIn, fanOut
    }

    /// PyTorch's recommended gain for φ: tanh 5/3, relu √2, leaky relu √(2/(1 + slope²)), otherwise 1
    /// (linear, sigmoid; PyTorch has no gain for the others and uses 1).
    public static func pytorchGain(for activation: Activation) -> Double {
        switch activation {
        case .tanh: 5.0 / 3
        case .relu: Double.sqrt(2)
        case .leakyRelu(let slope): Double.sqrt(2 / (1 + slope * slope))
        default: 1
        }
    }

    /// The variance of each weight (orthogonal: the mean square, gain²/max(fanIn, fanOut)).
    public func variance(fanIn: Int, fanOut: Int) -> Double {
        switch self {
        case .gaussian(let sigmaW2): sigmaW2 / Double(fanIn)
        case .xavierNormal(let gain), .xavierUniform(let gain): gain * gain * 2 / Double(fanIn + fanOut)
        case .he(let fan): 2 / Double(fan == .fanIn ? fanIn : fanOut)
        case .orthogonal(let gain): gain * gain / Double(max(fanIn, fanOut))
        }
    }

    /// σ_w² = variance × width of a `width × width` layer: the mean-field weight variance.
    public func sigmaW2(width: Int) -> Double { variance(fanIn: width, fanOut: width) * Double(width) }

    /// A `fanOut × fanIn` weight matrix, row-major, drawn from `random`.
    public func weights(fanIn: Int, fanOut: Int, using random: inout WideRandom) -> [Double] {
        precondition(fanIn > 0 && fanOut > 0, "A weight matrix needs positive fans.")
        let count = fanIn * fanOut
        switch self {
        case .gaussian, .xavierNormal, .he:
            let sigma = variance(fanIn: fanIn, fanOut: fanOut).squareRoot()
            return (0..<count).map { _ in sigma * random.gaussian() }
        case .xavierUniform(let gain):
            let a = gain * Double.sqrt(6 / Double(fanIn + fanOut))
            return (0..<count).map { _ in a * (2 * random.uniform() - 1) }
        case .orthogonal(let gain):
            let tall = max(fanIn, fanOut), short = min(fanIn, fanOut)
            // Columns of a tall Gaussian matrix, orthonormalised; stored as `short` vectors of length `tall`.
            var vectors = (0..<short).map { _ in (0..<tall).map { _ in random.gaussian() } }
            Self.orthonormalise(&vectors)
            var w = [Double](repeating: 0, count: count)
            for k in 0..<short {
                for i in 0..<tall {
                    // fanOut ≥ fanIn: orthonormal columns, W[i, k]; else orthonormal rows, W[k, i].
                    if fanOut >= fanIn { w[i * fanIn + k] = gain * vectors[k][i] } else { w[k * fanIn + i] = gain * vectors[k][i] }
                }
            }
            return w
        }
    }

    /// Modified Gram–Schmidt, applied twice for orthogonality to rounding level; the sign of each
    /// vector follows QR with a positive diagonal of R (what PyTorch's `orthogonal_` does).
    static func orthonormalise(_ vectors: inout [[Double]]) {
        for j in vectors.indices {
            for _ in 0..<2 {
                for i in 0..<j {
                    var dot = 0.0
                    for r in vectors[j].indices { dot += vectors[i][r] * vectors[j][r] }
                    for r in vectors[j].indices { vectors[j][r] -= dot * vectors[i][r] }
                }
            }
            let norm = vectors[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
            precondition(norm > 0, "A Gaussian matrix is rank deficient (probability 0).")
            for r in vectors[j].indices { vectors[j][r] /= norm }
        }
    }
}
