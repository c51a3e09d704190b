import GradscopeNumerics
import RealModule

/// A random deep fully connected network of constant width N (Poole et al. 2016, Schoenholz et al. 2017):
///
///     h_1 = W_1 x + b_1,   h_l = W_l φ(h_{l−1}) + b_l  (l = 2…L),   x_l = φ(h_l)
///
/// every W_l `N × N` from an ``Initializer`` (the mean-field convention N(0, σ_w²/N) is
/// ``Initializer/meanField(sigmaW2:width:)``), every bias N(0, σ_b²), all drawn from one seeded
/// ``Xoshiro256StarStar`` (layer by layer: W_1, b_1, W_2, …).
///
/// ```swift
/// let network = WideNetwork(width: 200, depth: 30, activation: .tanh, initialization: .meanField(sigmaW2: 1.5, width: 200),
///                           sigmaB2: 0.05, seed: 1)
/// let pass = network.pass(batch: 8, seed: 2)
/// pass.gradientNorms   // ‖∂L/∂h_l‖ for l = 1…L
/// ```
public struct WideNetwork: Sendable {
    public let width: Int
    public let depth: Int
    public let activation: Activation
    public let initialization: Initializer
    public let sigmaB2: Double
    /// W_l row-major (`weights[l − 1][j·N + k]` = W_l[j, k]).
    public let weights: [[Double]]
    public let biases: [[Double]]

    /// - Parameter isCancelled: asked before each layer's weights are drawn; once true the network
    ///   keeps fewer than `depth` layers and must be discarded (the caller checks it again).
    public init(width: Int, depth: Int, activation: Activation, initialization: Initializer,
                sigmaB2: Double, seed: UInt64, isCancelled: (@Sendable () -> Bool)? = nil) {
        precondition(width >= 1 && depth >= 1, "A network needs width ≥ 1 and depth ≥ 1.")
        precondition(sigmaB2 >= 0 && sigmaB2.isFinite, "σ_b² must be finite and ≥ 0.")
        precondition(initialization.sigmaW2(width: width) != nil, "\(initialization.name) does not make random weights.")
        self.width = width
        self.depth = depth
        self.activation = activation
        self.initialization = initialization
        self.sigmaB2 = sigmaB2
        var random = Xoshiro256StarStar(seed: seed)
        var weights: [[Double]] = [], biases: [[Double]] = []
        let sigmaB = sigmaB2.squareRoot()
        for _ in 0..<depth {
            if isCancelled?() == true { break }
            weights.append(initialization.weights(fanIn: width, fanOut: width, using: &random).elements)
            biases.append((0..<width).map { _ in sigmaB * random.nextGaussian() })
        }
        self.weights = weights
        self.biases = biases
    }

    /// The mean-field σ_w² of the weights (variance × N).
    public var sigmaW2: Double { initialization.sigmaW2(width: width)! }

    /// The mean-field theory of this network.
    public var meanField: MeanField { MeanField(activation: activation, sigmaW2: sigmaW2, sigmaB2: sigmaB2) }

    /// Forward and backward over `batch` inputs x ~ N(0, I) with the loss `L = Σ_b v_b · x_L,b`,
    /// v ~ N(0, I) (a random linear read-out), both drawn from `seed`:
    ///
    ///     ∂L/∂h_L = φ'(h_L) ⊙ v,   ∂L/∂h_l = φ'(h_l) ⊙ (W_{l+1}ᵀ ∂L/∂h_{l+1})
    public func pass(batch: Int, seed: UInt64) -> WideNetworkPass {
        pass(batch: batch, seed: seed, isCancelled: { false })!
    }

    /// ``pass(batch:seed:)`` that asks `isCancelled` before each layer, forward and backward, and
    /// returns nil once it is true (or when the network was built with fewer than `depth` layers).
    public func pass(batch: Int, seed: UInt64, isCancelled: @Sendable () -> Bool) -> WideNetworkPass? {
        precondition(batch >= 1, "A batch needs at least one input.")
        guard weights.count == depth else { return nil }
        var random = Xoshiro256StarStar(seed: seed)
        let n = width
        let input = (0..<batch * n).map { _ in random.nextGaussian() }
        let readout = (0..<batch * n).map { _ in random.nextGaussian() }
        var preactivations: [[Double]] = [], outputs: [[Double]] = [], slopes: [[Double]] = []
        var x = input
        for l in 0..<depth {
            if isCancelled() { return nil }
            let h = Self.multiply(weights[l], x, adding: biases[l], width: n, batch: batch)
            var y = h, s = h
            for i in h.indices { (y[i], s[i]) = activation.valueAndDerivative(at: h[i]) }
            preactivations.append(h)
            outputs.append(y)
            slopes.append(s)
            x = y
        }
        var gradients = [[Double]](repeating: [], count: depth)
        var delta = zip(slopes[depth - 1], readout).map { $0 * $1 }
        gradients[depth - 1] = delta
        for l in stride(from: depth - 2, through: 0, by: -1) {
            if isCancelled() { return nil }
            let back = Self.multiplyTransposed(weights[l + 1], delta, width: n, batch: batch)
            delta = zip(slopes[l], back).map { $0 * $1 }
            gradients[l] = delta
        }
        return WideNetworkPass(width: n, batch: batch, input: input, readout: readout, preactivations: preactivations,
                               activations: outputs, gradients: gradients)
    }

    /// `W x_b + bias` for each sample b of a batch stored sample after sample.
    static func multiply(_ w: [Double], _ x: [Double], adding bias: [Double], width n: Int, batch: Int) -> [Double] {
        [Double](zeros: batch * n, from: w, x) { w, x, out in
            for j in 0..<n {
                let row = w.baseAddress! + j * n
                for b in 0..<batch {
                    let xb = x.baseAddress! + b * n
                    var sum = 0.0
                    for k in 0..<n { sum += row[k] * xb[k] }
                    out[b * n + j] = sum + bias[j]
                }
            }
        }
    }

    /// `Wᵀ δ_b` for each sample b.
    static func multiplyTransposed(_ w: [Double], _ delta: [Double], width n: Int, batch: Int) -> [Double] {
        [Double](zeros: batch * n, from: w, delta) { w, delta, out in
            for j in 0..<n {
                let row = w.baseAddress! + j * n
                for b in 0..<batch { [Double].add(delta[b * n + j], times: row, to: out.baseAddress! + b * n, count: n) }
            }
        }
    }
}
