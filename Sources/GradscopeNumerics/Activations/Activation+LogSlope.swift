import RealModule

extension Activation {
    /// `ln|φ'(z)|`, computed without forming φ'(z), so that it stays finite where
    /// φ'(z) itself underflows even Double (sech²(400) ≈ e^−800):
    ///
    ///     tanh:     ln 4 − 2|z| − 2·ln(1 + e^−2|z|)
    ///     sigmoid:  −|z| − 2·ln(1 + e^−|z|)
    ///     softplus: ln σ(z) = −ln(1 + e^−z)
    ///     relu:     0 for z > 0, −Inf otherwise (an exactly zero slope)
    ///
    /// NaN gives NaN. Used to predict the depth at which a product of slopes
    /// overflows or underflows a format.
    public func logSlopeMagnitude(at z: Double) -> Double {
        if z.isNaN { return z }
        switch self {
        case .relu:
            return z > 0 ? 0 : -.infinity
        case .leakyRelu(let slope):
            return z > 0 ? 0 : Double.log(abs(slope))
        case .tanh:
            let m = z.magnitude
            return Double.log(4) - 2 * m - 2 * Double.log(onePlus: Double.exp(-2 * m))
        case .sigmoid:
            let m = z.magnitude
            return -m - 2 * Double.log(onePlus: Double.exp(-m))
        case .linear:
            return 0
        case .softplus:
            return z >= 0 ? -Double.log(onePlus: Double.exp(-z)) : z - Double.log(onePlus: Double.exp(z))
        case .elu(let alpha):
            return z > 0 ? 0 : Double.log(abs(alpha)) + z
        case .gelu, .swish, .sine:
            return Double.log(abs(derivative(at: z)))
        }
    }
}
