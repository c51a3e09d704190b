import RealModule

/// A function a formula can call: every ``Activation`` by any of its names, plus
/// `exp`, `log`, `sqrt`, `abs`, `min`, `max`, `pow`, `cos`.
///
/// `leaky_relu(z, slope)` has slope 0.01 and `elu(z, alpha)` alpha 1 when the
/// second argument is omitted. Subgradients at ties: `relu'(0) = 0`, `abs'(0) = 0`,
/// `min` and `max` pick their first argument on ties.
public enum FormulaFunction: String, CaseIterable, Hashable, Sendable {
    case relu, leakyRelu = "leaky_relu", tanh, sigmoid, linear, softplus, elu, gelu, swish, sin
    case exp, log, sqrt, abs, min, max, pow, cos

    /// Every spelling (lower case), mapped to its function: canonical names, the
    /// ``Activation`` aliases (`sig`, `silu`, …), `sigma` (`\sigma(x)`) and `ln`.
    static let namesByAlias: [String: FormulaFunction] = {
        var table: [String: FormulaFunction] = [:]
        for function in allCases { table[function.rawValue] = function }
        for (alias, activation) in Activation.namesByAlias {
            table[alias] = FormulaFunction(rawValue: activation.name)
        }
        table["sigma"] = .sigmoid
        table["ln"] = .log
        return table
    }()

    static let canonicalNames = allCases.map(\.rawValue)

    /// Looks a function up by any of its names, case-insensitively (`-` and `_` alike).
    init?(named name: String) {
        let key = String(name.lowercased().map { $0 == "-" ? "_" : $0 })
        guard let function = FormulaFunction.namesByAlias[key] else { return nil }
        self = function
    }

    /// How many arguments the function takes.
    var arity: ClosedRange<Int> {
        switch self {
        case .leakyRelu, .elu: 1...2
        case .min, .max, .pow: 2...2
        default: 1...1
        }
    }

    /// The activation computing this function of one argument, if it is one.
    var activation: Activation? {
        switch self {
        case .relu: .relu
        case .leakyRelu: .leakyRelu(slope: 0.01)
        case .tanh: .tanh
        case .sigmoid: .sigmoid
        case .linear: .linear
        case .softplus: .softplus
        case .elu: .elu(alpha: 1)
        case .gelu: .gelu
        case .swish: .swish
        case .sin: .sine
        default: nil
        }
    }

    /// The known name closest to `name`, for "did you mean …?".
    static func closestName(to name: String) -> String? {
        NameSuggestion.closest(to: name, among: namesByAlias.keys)
    }
}

extension FormulaFunction {
    /// f(a) and f'(a) for a one-argument call. NaN in gives NaN out.
    func valueAndDerivative<T: GradFloat>(at a: T) -> (value: T, derivative: T) {
        switch self {
        case .exp:
            let e = T.exp(a)
            return (e, e)
        case .log: return (T.log(a), 1 / a)
        case .sqrt:
            let r = T.sqrt(a)
            return (r, 1 / (2 * r))
        case .abs:
            // abs'(0) = 0.
            if a.isNaN { return (a, a) }
            return (a.magnitude, a > 0 ? 1 : a < 0 ? -1 : 0)
        case .cos: return (T.cos(a), -T.sin(a))
        default:
            return activation!.valueAndDerivative(at: a)
        }
    }

    /// f(a, b), ∂f/∂a and ∂f/∂b for a two-argument call:
    ///
    ///     leaky_relu(z, s) = z > 0 ? z : s·z             ∂z = z > 0 ? 1 : s,  ∂s = z > 0 ? 0 : z
    ///     elu(z, α)        = z > 0 ? z : α(exp(z) − 1)    ∂z = z > 0 ? 1 : α·exp(z),  ∂α = z > 0 ? 0 : exp(z) − 1
    ///     min(a, b), max(a, b): the first argument on ties; NaN if either is NaN
    ///     pow(a, b) = a^b   ∂a = b·a^(b−1),  ∂b = a^b·log(a)   (integral b uses a^n, so (−2)^3 = −8)
    func valueAndPartials<T: GradFloat>(at a: T, _ b: T) -> (value: T, da: T, db: T) {
        if a.isNaN || b.isNaN { let nan = T.nan; return (nan, nan, nan) }
        switch self {
        case .leakyRelu:
            return a > 0 ? (a, 1, 0) : (b * a, b, a)
        case .elu:
            return a > 0 ? (a, 1, 0) : (b * T.expMinusOne(a), b * T.exp(a), T.expMinusOne(a))
        case .min:
            return a <= b ? (a, 1, 0) : (b, 0, 1)
        case .max:
            return a >= b ? (a, 1, 0) : (b, 0, 1)
        case .pow:
            return FormulaFunction.power(a, b)
        default:
            preconditionFailure("\(self) takes one argument")
        }
    }

    /// `a^b` with its partials; integral exponents use `pow(a, n)` so negative bases work.
    /// `∂b` is `0` at `a = 0` (where `a^b` is flat in b for b > 0) and NaN for `a < 0`.
    static func power<T: GradFloat>(_ a: T, _ b: T) -> (value: T, da: T, db: T) {
        let value: T
        let da: T
        if b.isFinite, b.rounded() == b, b.magnitude <= T(1 << 30) {
            let n = Int(b)
            value = T.pow(a, n)
            da = n == 0 ? 0 : T(n) * T.pow(a, n - 1)
        } else {
            value = T.pow(a, b)
            da = b * T.pow(a, b - 1)
        }
        let db = a == 0 ? 0 : value * T.log(a)
        return (value, da, db)
    }
}
