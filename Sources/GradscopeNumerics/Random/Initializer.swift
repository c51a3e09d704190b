import RealModule

/// How a layer's weight matrix (`fanOut × fanIn`, PyTorch's layout) is filled.
///
///     normal(σ)            W ~ N(0, σ²)
///     xavierUniform(gain)  W ~ U(−a, a),  a = gain·√(6/(fanIn + fanOut))   (variance 2/(fanIn + fanOut))
///     xavierNormal(gain)   W ~ N(0, gain²·2/(fanIn + fanOut))
///     heNormal(fan)        W ~ N(0, 2/fan),  fan = fanIn or fanOut
///     orthogonal(gain)     W = gain·Q,  Q from the QR of a Gaussian matrix (orthonormal rows or columns)
///     identity(scale)      W = scale·I (ones on the diagonal of a rectangular matrix)
///     scaled(factor)       W = factor·W_existing
///     constant(c)          W = c
///
/// References: [Glorot & Bengio 2010](https://proceedings.mlr.press/v9/glorot10a.html),
/// [He et al. 2015](https://arxiv.org/abs/1502.01852), [Saxe et al. 2014](https://arxiv.org/abs/1312.6120).
/// Samples come from the generator passed in, in row-major order, so a seed fixes every weight.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 7)
/// let w = Initializer.xavierNormal().weights(fanIn: 16, fanOut: 16, using: &rng)
/// ```
public enum Initializer: Hashable, Sendable {
    case normal(standardDeviation: Double)
    case xavierUniform(gain: Double = 1)
    case xavierNormal(gain: Double = 1)
    case heNormal(fan: Fan = .fanIn)
    case orthogonal(gain: Double = 1)
    case identity(scale: Double = 1)
    case scaled(by: Double)
    case constant(Double)

    /// Which dimension He initialisation normalises by.
    public enum Fan: String, Hashable, Sendable {
        /// Keeps the forward signal's variance (PyTorch's default `mode='fan_in'`).
        case fanIn
        /// Keeps the backward gradient's variance.
        case fanOut
    }

    /// A `fanOut × fanIn` weight matrix.
    ///
    /// - Parameter existing: the current weights, needed by ``scaled(by:)`` (the others ignore it).
    public func weights<G: RandomNumberGenerator>(fanIn: Int, fanOut: Int, existing: Matrix<Double>? = nil,
                                                  using generator: inout G) -> Matrix<Double> {
        precondition(fanIn > 0 && fanOut > 0, "A weight matrix needs positive fans.")
        switch self {
        case .normal(let sigma):
            return Matrix(rows: fanOut, columns: fanIn) { _, _ in sigma * generator.nextGaussian() }
        case .xavierUniform(let gain):
            let a = gain * Double.sqrt(6 / Double(fanIn + fanOut))
            return Matrix(rows: fanOut, columns: fanIn) { _, _ in Double.random(in: -a...a, using: &generator) }
        case .xavierNormal(let gain):
            let sigma = gain * Double.sqrt(2 / Double(fanIn + fanOut))
            return Matrix(rows: fanOut, columns: fanIn) { _, _ in sigma * generator.nextGaussian() }
        case .heNormal(let fan):
            let sigma = Double.sqrt(2 / Double(fan == .fanIn ? fanIn : fanOut))
            return Matrix(rows: fanOut, columns: fanIn) { _, _ in sigma * generator.nextGaussian() }
        case .orthogonal(let gain):
            // QR of a tall Gaussian matrix; a wide shape uses the transpose (orthonormal rows).
            let tall = fanOut >= fanIn
            let gaussian = Matrix<Double>(rows: max(fanIn, fanOut), columns: min(fanIn, fanOut)) { _, _ in generator.nextGaussian() }
            let q = gaussian.orthonormalColumns().map { gain * $0 }
            return tall ? q : q.transposed()
        case .identity(let scale):
            return Matrix(rows: fanOut, columns: fanIn) { $0 == $1 ? scale : 0 }
        case .scaled(let factor):
            guard let existing else { preconditionFailure("Initializer.scaled needs the existing weights.") }
            precondition(existing.rows == fanOut && existing.columns == fanIn, "The existing weights have another shape.")
            return existing.map { factor * $0 }
        case .constant(let c):
            return Matrix(rows: fanOut, columns: fanIn, repeating: c)
        }
    }

    /// The variance the weights are drawn with, where it is fixed by the fans: σ², a²/3, …
    /// (nil for orthogonal, identity, scaled and constant weights).
    public func variance(fanIn: Int, fanOut: Int) -> Double? {
        switch self {
        case .normal(let sigma): sigma * sigma
        case .xavierUniform(let gain), .xavierNormal(let gain): gain * gain * 2 / Double(fanIn + fanOut)
        case .heNormal(let fan): 2 / Double(fan == .fanIn ? fanIn : fanOut)
        case .orthogonal, .identity, .scaled, .constant: nil
        }
    }
}
