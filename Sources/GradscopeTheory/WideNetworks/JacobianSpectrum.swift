import GradscopeNumerics
import RealModule

/// The singular values of a random network's input–output Jacobian
///
///     J = D_L W_L ⋯ D_1 W_1,   D_l = diag(φ'(h_l))
///
/// at one input whose pre-activations sit at the fixed point (x ~ N(0, (q* − σ_b²)/σ_w² · I), so q¹ = q*).
/// At the critical point the mean of σ² is Π χ(q^l) = 1, but only orthogonal weights with φ
/// near-linear around 0 (tanh with small q*) concentrate the singular values near 1:
/// dynamical isometry (Pennington, Schoenholz & Ganguli 2017). Gaussian weights and relu spread them.
public struct JacobianSpectrum: Sendable, Hashable {
    public let activation: Activation
    public let initialization: Initializer
    public let sigmaB2: Double
    public let width: Int
    public let depth: Int
    /// The singular values, descending.
    public let singularValues: [Double]
    /// q* of the theory (the input's length).
    public let qStar: Double

    /// - Parameter isCancelled: asked before each layer; once true the product stops and the
    ///   spectrum is empty (the caller checks it again and discards the spectrum).
    public init(activation: Activation, initialization: Initializer, sigmaB2: Double, width: Int, depth: Int, seed: UInt64,
                isCancelled: (@Sendable () -> Bool)? = nil) {
        self.activation = activation
        self.initialization = initialization
        self.sigmaB2 = sigmaB2
        self.width = width
        self.depth = depth
        let network = WideNetwork(width: width, depth: depth, activation: activation, initialization: initialization,
                                  sigmaB2: sigmaB2, seed: seed, isCancelled: isCancelled)
        let theory = network.meanField
        let q = theory.fixedLength()
        qStar = q
        var random = Xoshiro256StarStar(seed: seed ^ 0x1_5E7)
        let inputScale = q.isFinite && theory.sigmaW2 > 0 ? (max(0, q - sigmaB2) / theory.sigmaW2).squareRoot() : 1
        var x = (0..<width).map { _ in inputScale * random.nextGaussian() }
        let n = width
        // jacobian: n × n row-major, J_l = D_l W_l J_{l−1}, J_0 = I.
        var jacobian = [Double](repeating: 0, count: n * n)
        for i in 0..<n { jacobian[i * n + i] = 1 }
        for l in 0..<depth {
            if isCancelled?() == true { singularValues = []; return }
            let h = WideNetwork.multiply(network.weights[l], x, adding: network.biases[l], width: n, batch: 1)
            var slopes = h
            for i in 0..<n { (x[i], slopes[i]) = activation.valueAndDerivative(at: h[i]) }
            jacobian = Self.product(network.weights[l], jacobian, n: n)
            for r in 0..<n { for c in 0..<n { jacobian[r * n + c] *= slopes[r] } }
        }
        singularValues = isCancelled?() == true ? [] : JacobiSVD.singularValues(of: jacobian, n: n)
    }

    /// The mean of σ², tr(JJᵀ)/N: the theory predicts Π_l χ(q^l) (1 at the critical point).
    public var meanSquaredSingularValue: Double {
        singularValues.reduce(0) { $0 + $1 * $1 } / Double(singularValues.count)
    }

    /// How many singular values are exactly 0 (relu's dead units make J rank-deficient).
    public var zeroCount: Int { singularValues.count { $0 == 0 } }

    /// The fraction of singular values within a factor 2 of 1.
    public var fractionNearOne: Double {
        Double(singularValues.count { $0 >= 0.5 && $0 <= 2 }) / Double(singularValues.count)
    }

    /// The `n × n` product A·B (row-major).
    static func product(_ a: [Double], _ b: [Double], n: Int) -> [Double] {
        [Double](zeros: n * n, from: a, b) { a, b, out in
            for r in 0..<n {
                let row = out.baseAddress! + r * n
                for k in 0..<n { [Double].add(a[r * n + k], times: b.baseAddress! + k * n, to: row, count: n) }
            }
        }
    }
}
