import Foundation
import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct InitializerVarianceTests {
    /// Sample variance of the drawn weights.
    func sampleVariance(_ w: [Double]) -> Double {
        let m = w.reduce(0, +) / Double(w.count)
        return w.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(w.count - 1)
    }

    /// Standard error of a sample variance of n draws with kurtosis κ: σ²·√((κ − 1)/n)
    /// (Gaussian κ = 3, uniform κ = 9/5). The tests allow 4 standard errors.
    func standardError(variance: Double, count: Int, kurtosis: Double) -> Double {
        variance * ((kurtosis - 1) / Double(count)).squareRoot()
    }

    @Test("Xavier 2/(n_in + n_out), He 2/fan_in and 2/fan_out, Gaussian σ_w²/fan_in: seeded sample variances within 4 standard errors",
          arguments: [(300, 100), (100, 300), (256, 256)])
    func variances(fanIn: Int, fanOut: Int) {
        let cases: [(Initializer, Double, Double)] = [
            (.xavierNormal(gain: 1), 2 / Double(fanIn + fanOut), 3),
            (.xavierUniform(gain: 1), 2 / Double(fanIn + fanOut), 9.0 / 5),
            (.xavierNormal(gain: 5.0 / 3), 25.0 / 9 * 2 / Double(fanIn + fanOut), 3),
            (.heNormal(fan: .fanIn), 2 / Double(fanIn), 3),
            (.heNormal(fan: .fanOut), 2 / Double(fanOut), 3),
            (.meanField(sigmaW2: 1.7, width: fanIn), 1.7 / Double(fanIn), 3),
        ]
        for (index, (scheme, expected, kurtosis)) in cases.enumerated() {
            var random = Xoshiro256StarStar(seed: UInt64(17 + index))
            let w = scheme.weights(fanIn: fanIn, fanOut: fanOut, using: &random).elements
            #expect(w.count == fanIn * fanOut)
            #expect(abs(scheme.variance(fanIn: fanIn, fanOut: fanOut)! - expected) < 1e-15)
            let error = standardError(variance: expected, count: w.count, kurtosis: kurtosis)
            #expect(abs(sampleVariance(w) - expected) < 4 * error, "\(scheme): \(sampleVariance(w)) vs \(expected) ± \(error)")
        }
    }

    @Test("Xavier uniform stays within ±gain·√(6/(n_in + n_out))")
    func uniformBound() {
        var random = Xoshiro256StarStar(seed: 3)
        let w = Initializer.xavierUniform(gain: 2).weights(fanIn: 50, fanOut: 70, using: &random).elements
        #expect(w.allSatisfy { abs($0) <= 2 * (6.0 / 120).squareRoot() })
    }

    @Test("Orthogonal weights: W Wᵀ = gain² I for wide, Wᵀ W = gain² I for tall matrices", arguments: [(20, 12), (12, 20), (16, 16)])
    func orthogonal(fanIn: Int, fanOut: Int) {
        var random = Xoshiro256StarStar(seed: 9)
        let gain = 1.3
        let w = Initializer.orthogonal(gain: gain).weights(fanIn: fanIn, fanOut: fanOut, using: &random).elements
        let short = min(fanIn, fanOut)
        for i in 0..<short {
            for j in 0..<short {
                // Rows (fanOut ≤ fanIn) or columns (fanOut ≥ fanIn) are orthogonal with norm gain.
                let dot = fanOut <= fanIn
                    ? (0..<fanIn).reduce(0.0) { $0 + w[i * fanIn + $1] * w[j * fanIn + $1] }
                    : (0..<fanOut).reduce(0.0) { $0 + w[$1 * fanIn + i] * w[$1 * fanIn + j] }
                #expect(abs(dot - (i == j ? gain * gain : 0)) < 1e-12)
            }
        }
    }

    @Test("PyTorch's gains: tanh 5/3, relu √2, leaky relu √(2/(1 + 0.01²)), sigmoid 1")
    func gains() {
        #expect(Initializer.pytorchGain(for: .tanh) == 5.0 / 3)
        #expect(Initializer.pytorchGain(for: .relu) == 2.0.squareRoot())
        #expect(abs(Initializer.pytorchGain(for: .leakyRelu(slope: 0.01)) - (2 / 1.0001).squareRoot()) < 1e-15)
        #expect(Initializer.pytorchGain(for: .sigmoid) == 1)
        let xavier = Initializer(wideNamed: "xavier:auto", activation: .tanh, sigmaW2: 1, width: 100)
        #expect(abs((xavier?.sigmaW2(width: 100) ?? 0) - 25.0 / 9) < 1e-12)
        #expect(abs((Initializer(wideNamed: "orthogonal:auto", activation: .relu, sigmaW2: 1, width: 100)?.sigmaW2(width: 100) ?? 0) - 2) < 1e-12)
        #expect(Initializer(wideNamed: "he", activation: .relu, sigmaW2: 1, width: 64)?.sigmaW2(width: 64) == 2)
        #expect(Initializer(wideNamed: "gaussian", activation: .relu, sigmaW2: 1.5, width: 64)?.sigmaW2(width: 64).map { abs($0 - 1.5) < 1e-12 } == true)
        #expect(Initializer(wideNamed: "he:2", activation: .relu, sigmaW2: 1, width: 64) == nil)
        #expect(Initializer(wideNamed: "scaled:2", activation: .relu, sigmaW2: 1, width: 64) == nil)
        #expect(Initializer(wideNamed: "xavierr", activation: .relu, sigmaW2: 1, width: 64) == nil)
    }
}

@Suite struct WideNetworkTests {
    /// The loss v·x_L of the network on one input, recomputed independently.
    func loss(_ network: WideNetwork, input: [Double], readout: [Double]) -> Double {
        var x = input
        for l in 0..<network.depth {
            x = (0..<network.width).map { j in
                network.activation((0..<network.width).reduce(network.biases[l][j]) { $0 + network.weights[l][j * network.width + $1] * x[$1] })
            }
        }
        return zip(x, readout).reduce(0) { $0 + $1.0 * $1.1 }
    }

    @Test("Back-propagated ∂L/∂h_1 agrees with central differences of the loss through the input (1e−7)",
          arguments: [Activation.tanh, .relu, .elu(alpha: 1)])
    func gradientsMatchFiniteDifferences(activation: Activation) {
        let network = WideNetwork(width: 6, depth: 4, activation: activation, initialization: .meanField(sigmaW2: 1.8, width: 6), sigmaB2: 0.1, seed: 5)
        let pass = network.pass(batch: 1, seed: 11)
        let n = network.width
        // ∂L/∂x_0 = W_1ᵀ ∂L/∂h_1.
        let backprop = (0..<n).map { k in (0..<n).reduce(0.0) { $0 + network.weights[0][$1 * n + k] * pass.gradients[0][$1] } }
        for k in 0..<n {
            let h = 1e-6
            var up = pass.input, down = pass.input
            up[k] += h
            down[k] -= h
            let difference = (loss(network, input: up, readout: pass.readout) - loss(network, input: down, readout: pass.readout)) / (2 * h)
            #expect(abs(difference - backprop[k]) < 1e-7 * max(1, abs(backprop[k])), "k = \(k): \(difference) vs \(backprop[k])")
        }
    }

    @Test("The same seed gives the same network and the same numbers")
    func seeded() {
        let a = WideNetwork(width: 8, depth: 3, activation: .tanh, initialization: .xavierUniform(gain: 1), sigmaB2: 0.2, seed: 42)
        let b = WideNetwork(width: 8, depth: 3, activation: .tanh, initialization: .xavierUniform(gain: 1), sigmaB2: 0.2, seed: 42)
        #expect(a.weights == b.weights && a.biases == b.biases)
        #expect(a.pass(batch: 2, seed: 1).gradientNorms == b.pass(batch: 2, seed: 1).gradientNorms)
    }

    @Test("Pre-activation variances follow the length map q^l (width 256, 4 inputs: within 15%)")
    func lengths() {
        let network = WideNetwork(width: 256, depth: 8, activation: .tanh, initialization: .meanField(sigmaW2: 2, width: 256), sigmaB2: 0.1, seed: 3)
        let measured = network.pass(batch: 4, seed: 4).layerStatistics.map(\.preactivationVariance)
        let predicted = network.meanField.lengths(inputMeanSquare: 1, depth: 8)
        for (m, p) in zip(measured, predicted) { #expect(abs(m / p - 1) < 0.15, "\(m) vs \(p)") }
    }

    /// Measured: tanh σ_w² = 1.5, σ_b² = 0.05 (χ₁ = 0.9386, ln χ₁ = −0.0633) and σ_w² = 2.5,
    /// σ_b² = 0.1 (chaotic), relu σ_w² = 1.6 (ln χ₁ = ln 0.8). Width 128, depth 24, batch 8, 8 seeds:
    /// the fitted growth lies within 4 standard errors (SE ≈ 0.004–0.006) plus a finite-width allowance of 3/N:
    /// the log of a gradient norm is biased low by half its variance, which grows by about 5/N per relu
    /// layer (Hanin 2018), so the fitted slope of ln‖∂L/∂h_l‖² sits up to ≈ 2.5/N below ln χ₁. Measured
    /// (seed 100): tanh 1.5: −0.0708 ± 0.0065 vs −0.0633; tanh 2.5: 0.0851 ± 0.0038 vs 0.0951;
    /// relu 1.6: −0.2328 ± 0.0047 vs −0.2231 (differences 1.2, 2.6 and 2.1 standard errors, ≤ 1.3/N).
    @Test("Measured gradient growth of random networks agrees with ln χ₁ within sampling error",
          arguments: [(Activation.tanh, 1.5, 0.05), (.tanh, 2.5, 0.1), (.relu, 1.6, 0.05)])
    func growth(activation: Activation, sigmaW2: Double, sigmaB2: Double) {
        let growth = GradientGrowth(width: 128, depth: 24, activation: activation, initialization: .meanField(sigmaW2: sigmaW2, width: 128),
                                    sigmaB2: sigmaB2, batch: 8, seeds: 8, seed: 100)
        let allowed = 4 * growth.standardError + 3.0 / 128
        print("growth \(activation) σ_w² = \(sigmaW2): fitted \(growth.fittedGrowth) ± \(growth.standardError) vs ln χ₁ = \(growth.predictedGrowth)")
        #expect(abs(growth.fittedGrowth - growth.predictedGrowth) < allowed,
                "fitted \(growth.fittedGrowth) ± \(growth.standardError) vs ln χ₁ = \(growth.predictedGrowth)")
    }

    @Test("Trainability: at depth 60 the ordered (σ_w² = 0.5) network's first-layer gradient is < 1e−3 of the last, the critical one is not")
    func trainability() throws {
        let critical = try #require(MeanField.criticalSigmaW2(activation: .tanh, sigmaB2: 0.05))
        let map = TrainabilityMap(activation: .tanh, sigmaB2: 0.05, sigmaW2s: [0.5, critical], depths: [5, 60], width: 48, seed: 2)
        #expect(!map.isTrainable(depthIndex: 1, sigmaW2Index: 0))
        #expect(map.isTrainable(depthIndex: 1, sigmaW2Index: 1))
        #expect(map.correlationDepths[1] > 1000)
    }
}

@Suite struct JacobianSpectrumTests {
    @Test("One-sided Jacobi finds the singular values of Q·diag(s)·Qᵀ to 1e−12·σ_max (what forming the matrix allows)")
    func jacobi() {
        var random = Xoshiro256StarStar(seed: 1)
        let n = 12
        let q = Initializer.orthogonal(gain: 1).weights(fanIn: n, fanOut: n, using: &random).elements
        let s = (0..<n).map { Foundation.pow(10, Double($0 - 6)) }
        var m = [Double](repeating: 0, count: n * n)
        for r in 0..<n { for c in 0..<n { m[r * n + c] = (0..<n).reduce(0.0) { $0 + q[r * n + $1] * s[$1] * q[c * n + $1] } } }
        let found = JacobiSVD.singularValues(of: m, n: n)
        for (f, e) in zip(found, s.sorted(by: >)) { #expect(abs(f - e) < 1e-12 * s.max()!, "\(f) vs \(e)") }
    }

    @Test("At the critical point orthogonal tanh is near-isometric and Gaussian weights spread the spectrum")
    func isometry() throws {
        let w2 = try #require(MeanField.criticalSigmaW2(activation: .tanh, sigmaB2: 1e-4))
        let orthogonal = JacobianSpectrum(activation: .tanh, initialization: .orthogonal(gain: w2.squareRoot()), sigmaB2: 1e-4, width: 32, depth: 16, seed: 1)
        let gaussian = JacobianSpectrum(activation: .tanh, initialization: .meanField(sigmaW2: w2, width: 32), sigmaB2: 1e-4, width: 32, depth: 16, seed: 1)
        #expect(orthogonal.fractionNearOne > 0.9)
        #expect(gaussian.fractionNearOne < orthogonal.fractionNearOne)
        // tr(JJᵀ)/N is 1 in theory; one input at width 32 leaves q^l off q* by a few percent per layer (measured 1.35).
        #expect(abs(orthogonal.meanSquaredSingularValue - 1) < 0.5)
    }
}
