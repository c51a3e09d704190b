import RealModule

/// A scalar activation function φ together with its exact derivative φ'.
///
/// Every case is computed in Double: any other format (Float, Float16, BFloat16,
/// the FP8/FP6/FP4 formats) widens z to Double, evaluates φ and φ' there and
/// rounds each once to the format (see below), so a narrow format never sees a
/// rounded intermediate step. Derivatives use forms that keep their *relative* accuracy where they are
/// tiny (a saturated tanh or sigmoid), because a deep chain multiplies them:
///
///     tanh'(z)    = sech²(z) = 4e / (1 + e)²,   e = exp(−2|z|)   (not 1 − tanh²)
///     sigmoid'(z) = e / (1 + e)²,               e = exp(−|z|)    (not σ(1 − σ))
///
/// In formats narrower than Double the activation is one correctly rounded
/// operation, as an elementary function of a math library is: φ and φ' are
/// computed in Double and each rounded once to the format (swift-numerics does
/// the same for Float16 via Float). Rounding the intermediate steps of
/// `e/(1+e)²` to Float instead would bias a chain that sits at a fixed point by
/// ~4 ulp per layer, 1e−5 over 50 layers.
///
/// IEEE semantics: NaN in gives NaN out (value and derivative) for every case.
/// At ±Inf each case returns its limit (documented per case), never NaN.
///
/// ```swift
/// let (y, dy) = Activation.tanh.valueAndDerivative(at: 0.5)
/// ```
public enum Activation: Hashable, Sendable {
    /// `relu(z) = max(z, 0)`, `relu'(z) = 1 if z > 0 else 0` (so `relu'(0) = 0`, as PyTorch and JAX).
    /// ±Inf: `relu(+Inf) = +Inf`, `relu(−Inf) = 0`; derivatives 1 and 0.
    case relu
    /// `leaky_relu(z) = z if z > 0 else slope·z`, derivative `1` or `slope` (slope at 0).
    /// ±Inf: `+Inf`, `−Inf·slope`; derivatives 1 and `slope`.
    case leakyRelu(slope: Double)
    /// `tanh(z)`, `tanh'(z) = sech²(z) = 4e/(1+e)²` with `e = exp(−2|z|)`.
    /// ±Inf: ±1, derivative 0.
    case tanh
    /// `σ(z) = 1/(1 + exp(−z))`, `σ'(z) = e/(1+e)²` with `e = exp(−|z|)`.
    /// ±Inf: 1 and 0, derivative 0.
    case sigmoid
    /// `linear(z) = z`, derivative 1. ±Inf pass through.
    case linear
    /// `softplus(z) = log(1 + exp(z)) = max(z, 0) + log1p(exp(−|z|))`, `softplus'(z) = σ(z)`.
    /// ±Inf: `+Inf` and 0; derivatives 1 and 0.
    case softplus
    /// `elu(z) = z if z > 0 else α(exp(z) − 1)`, `elu'(z) = 1 if z > 0 else α·exp(z)`.
    /// ±Inf: `+Inf` and `−α`; derivatives 1 and 0.
    case elu(alpha: Double)
    /// `gelu(z) = z·Φ(z)` with `Φ(z) = erfc(−z/√2)/2` (the exact erf form),
    /// `gelu'(z) = Φ(z) + z·exp(−z²/2)/√(2π)`.
    /// ±Inf: `+Inf` and 0 (the limit, not `−Inf·0`); derivatives 1 and 0.
    case gelu
    /// `swish(z) = silu(z) = z·σ(z)`, `swish'(z) = σ(z)·(1 + z·σ(−z))`.
    /// ±Inf: `+Inf` and 0 (the limit); derivatives 1 and 0.
    case swish
    /// `sin(z)`, derivative `cos(z)`. ±Inf gives NaN, as the functions themselves do.
    case sine

    /// The value φ(z).
    @inlinable
    public func callAsFunction<T: GradFloat>(_ z: T) -> T {
        valueAndDerivative(at: z).value
    }

    /// The exact derivative φ'(z).
    @inlinable
    public func derivative<T: GradFloat>(at z: T) -> T {
        valueAndDerivative(at: z).derivative
    }

    /// φ(z) and φ'(z) in one evaluation (they share their exponentials).
    @inlinable
    public func valueAndDerivative<T: GradFloat>(at z: T) -> (value: T, derivative: T) {
        if T.self != Double.self {
            let (value, derivative) = valueAndDerivative(at: Double(z))
            return (T(value), T(derivative))
        }
        if z.isNaN { return (z, z) }
        switch self {
        case .relu:
            return z > 0 ? (z, 1) : (0, 0)
        case .leakyRelu(let slope):
            let s = T(slope)
            return z > 0 ? (z, 1) : (s * z, s)
        case .tanh:
            let e = T.exp(-2 * z.magnitude)
            let onePlusE = 1 + e
            return (T.tanh(z), 4 * e / (onePlusE * onePlusE))
        case .sigmoid:
            return Activation.logistic(z)
        case .linear:
            return (z, 1)
        case .softplus:
            let e = T.exp(-z.magnitude)
            let value = (z > 0 ? z : 0) + T.log(onePlus: e)
            return (value, Activation.logistic(z).value)
        case .elu(let alpha):
            let a = T(alpha)
            if z > 0 { return (z, 1) }
            return (a * T.expMinusOne(z), a * T.exp(z))
        case .gelu:
            if z.isInfinite { return z > 0 ? (z, 1) : (0, 0) }
            let cdf = T.erfc(-z / T.sqrt(2)) / 2
            let pdf = T.exp(-z * z / 2) / T.sqrt(2 * T.pi)
            return (z * cdf, cdf + z * pdf)
        case .swish:
            if z.isInfinite { return z > 0 ? (z, 1) : (0, 0) }
            let s = Activation.logistic(z).value
            let sNeg = Activation.logistic(-z).value
            return (z * s, s * (1 + z * sNeg))
        case .sine:
            return (T.sin(z), T.cos(z))
        }
    }

    /// σ(z) and σ'(z) from one exponential, `e = exp(−|z|)`:
    /// `σ(z) = 1/(1+e)` for z ≥ 0, `e/(1+e)` for z < 0; `σ'(z) = e/(1+e)²`.
    @inlinable
    static func logistic<T: GradFloat>(_ z: T) -> (value: T, derivative: T) {
        let e = T.exp(-z.magnitude)
        let onePlusE = 1 + e
        let value = z >= 0 ? 1 / onePlusE : e / onePlusE
        return (value, e / (onePlusE * onePlusE))
    }
}
