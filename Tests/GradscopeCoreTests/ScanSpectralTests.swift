import Foundation
import GradscopeCore
import Testing

/// λ₁ against matrices whose singular values are known by construction, the gate split of recurrent
/// matrices with Pascanu's 1/γ, and the a-posteriori bound against the true error.
@Suite struct ScanSpectralTests {
    /// Rounding allowance when comparing the computed bound with the true error: a few ulps of λ₁.
    static func slack(_ truth: Double) -> Double { 8 * truth.ulp }

    /// H₁ · D · H₂ (m × n, row-major): D holds `sigmas` on its diagonal, H₁ and H₂ are Householder
    /// reflections (orthogonal), so the singular values are exactly |sigmas| (in exact arithmetic).
    static func rotated(rows m: Int, columns n: Int, sigmas: [Double], seed: UInt64) -> [Double] {
        var rng = Xoshiro256StarStar(seed: seed)
        let w1 = (0..<m).map { _ in rng.nextGaussian() }, w2 = (0..<n).map { _ in rng.nextGaussian() }
        let s1 = w1.reduce(0) { $0 + $1 * $1 }, s2 = w2.reduce(0) { $0 + $1 * $1 }
        func h1(_ i: Int, _ k: Int) -> Double { (i == k ? 1 : 0) - 2 * w1[i] * w1[k] / s1 }
        func h2(_ k: Int, _ j: Int) -> Double { (k == j ? 1 : 0) - 2 * w2[k] * w2[j] / s2 }
        var a = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for k in 0..<sigmas.count { s += h1(i, k) * sigmas[k] * h2(k, j) }
                a[i * n + j] = s
            }
        }
        return a
    }

    @Test("λ₁ of a rectangular diagonal matrix is its largest |diagonal| entry, the bound covering the error")
    func diagonal() {
        let sigmas = [0.25, -3.5, 2, 1e-3, 3.25]  // λ₁ = 3.5, next 3.25
        var a = [Double](repeating: 0, count: 7 * 5)
        for (i, s) in sigmas.enumerated() { a[i * 5 + i] = s }
        let norm = SpectralNorm(rows: 7, columns: 5, a)
        #expect(abs(norm.value - 3.5) <= 1e-12 * 3.5)
        #expect(abs(norm.value - 3.5) <= norm.bound + Self.slack(3.5))
        #expect(norm.bound <= 1e-6 * 3.5)
    }

    @Test("λ₁ of a rank-one u·vᵀ is ‖u‖·‖v‖ = 3 · 5 = 15")
    func rankOne() {
        let u = [1.0, -2, 2], v = [3.0, 4]
        let a = u.flatMap { ui in v.map { ui * $0 } }
        let norm = SpectralNorm(rows: 3, columns: 2, a)
        #expect(abs(norm.value - 15) <= 1e-12 * 15)
        #expect(abs(norm.value - 15) <= norm.bound + Self.slack(15))
        let transposed = SpectralNorm(rows: 2, columns: 3, v.flatMap { vi in u.map { vi * $0 } })
        #expect(abs(transposed.value - 15) <= 1e-12 * 15)
    }

    @Test("λ₁ of H₁·D·H₂ (dense, close top pair 7.5 / 7.4) to 1e-10 relative; the bound ≥ the true error and ≤ 1e-6·λ₁",
          arguments: [(40, 25), (25, 40), (120, 120)])
    func rotatedDiagonal(_ size: (Int, Int)) {
        let (m, n) = size
        let count = min(m, n)
        let sigmas = [7.5, 7.4] + (2..<count).map { 5 / Double($0) }
        let a = Self.rotated(rows: m, columns: n, sigmas: sigmas, seed: UInt64(m * 1000 + n))
        let norm = SpectralNorm(rows: m, columns: n, a)
        // The matrix itself carries rounding of order 1e-15·λ₁ from its construction.
        #expect(abs(norm.value - 7.5) <= 1e-10 * 7.5, "λ₁ = \(norm.value)")
        #expect(abs(norm.value - 7.5) <= norm.bound + 1e-13 * 7.5, "error \(abs(norm.value - 7.5)) > bound \(norm.bound)")
        #expect(norm.bound <= 1e-6 * 7.5)
    }

    @Test("NaN or ±Inf in the matrix give NaN λ₁ and bound; an empty matrix gives 0")
    func nonFinite() {
        for bad in [Double.nan, .infinity, -.infinity] {
            let norm = SpectralNorm(rows: 2, columns: 2, [1, bad, 0, 1])
            #expect(norm.value.isNaN && norm.bound.isNaN)
        }
        let empty = SpectralNorm(rows: 0, columns: 3, [])
        #expect([empty.value, empty.bound] == [0, 0] && empty.iterations == 0)
    }

    /// A recurrent `weight_hh_l0` of `gates` stacked H × H blocks (H = 3), block g = c_g · P · diag(1, −1/2, 1/4)
    /// with P a cyclic permutation: each block's singular values are c_g, c_g/2, c_g/4, so its λ₁ is c_g,
    /// and the whole (gates·H) × H matrix has λ₁ = √Σc_g². Values are dyadic: exact in F32.
    static func recurrentFile(gates: [Double]) -> [UInt8] {
        let h = 3
        var values = [Float](repeating: 0, count: gates.count * h * h)
        for (g, c) in gates.enumerated() {
            for (i, d) in [1.0, -0.5, 0.25].enumerated() {
                let row = (i + 1) % h  // the permutation
                values[g * h * h + row * h + i] = Float(c * d)
            }
        }
        let bytes = values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
        let header = #"{"rnn.weight_hh_l0":{"dtype":"F32","shape":[\#(gates.count * h),\#(h)],"data_offsets":[0,\#(bytes.count)]}}"#
        return safetensors(header, bytes)
    }

    static let gateCases: [(String, [Double], Double, [Bool])] = [
        ("LSTM, tanh", [0.5, 0.75, 1.25, 4.5], 1, [false, false, true, true]),
        ("LSTM, sigmoid", [0.5, 0.75, 1.25, 4.5], 0.25, [false, false, false, true]),
        ("GRU, tanh", [2, 0.125, 1], 1, [true, false, false]),
        ("GRU, sigmoid", [2, 0.125, 4], 0.25, [false, false, false]),
        ("Elman, tanh", [1.5], 1, [true]),
    ]

    @Test("weight_hh_l*: 4 gates for an LSTM, 3 for a GRU, 1 for an Elman RNN; each gate's λ₁ against Pascanu's 1/γ",
          arguments: gateCases)
    func gates(_ item: (String, [Double], Double, [Bool])) throws {
        let (label, cs, gamma, explode) = item
        try withTemporaryFile(Self.recurrentFile(gates: cs)) { path in
            let checkpoint = try Checkpoint(paths: [path])
            let tensor = checkpoint.tensors[0]
            let statistics = try CheckpointScanner(threads: 1).statistics(of: checkpoint)[0]
            let w = try #require(try WeightSpectrum(of: tensor, in: checkpoint.files[path]!, statistics: statistics, gamma: gamma))
            #expect(w.gates.map(\.index) == Array(cs.indices), "\(label)")
            for (gate, c) in zip(w.gates, cs) {
                #expect(abs(gate.spectralNorm - c) <= 1e-12 * c, "\(label) gate \(gate.index): \(gate.spectralNorm) vs \(c)")
                #expect(abs(gate.spectralNorm - c) <= gate.spectralNormBound + Self.slack(c))
            }
            #expect(w.gates.map(\.explodingThreshold) == Array(repeating: 1 / gamma, count: cs.count), "\(label)")
            #expect(w.gates.map(\.mayExplode) == explode, "\(label)")
            let whole = cs.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(w.spectralNorm.value - whole) <= 1e-12 * whole, "\(label) whole λ₁ \(w.spectralNorm.value) vs \(whole)")
            // Frobenius: √(Σ c_g² · (1 + 1/4 + 1/16)); PyTorch layout: fan-in = H = 3 columns, fan-out = gates·H rows.
            #expect(abs(w.frobenius - whole * (21.0 / 16).squareRoot()) <= 1e-14 * whole)
            #expect(w.fanIn == 3 && w.fanOut == 3 * cs.count)
            #expect(w.xavier == 2 * 3 / Double(3 + 3 * cs.count) && w.he == 2)
        }
    }

    @Test("A 2-D weight not named weight_hh, or whose rows are not 1, 3 or 4 times its columns, has no gates")
    func noGates() throws {
        let bytes = [UInt8](repeating: 0, count: 2 * 6 * 3 * 4)
        let header = #"{"a.weight":{"dtype":"F32","shape":[6,3],"data_offsets":[0,72]},"b.weight_hh_l0":{"dtype":"F32","shape":[6,3],"data_offsets":[72,144]}}"#
        try withTemporaryFile(safetensors(header, bytes)) { path in
            let checkpoint = try Checkpoint(paths: [path])
            for tensor in checkpoint.tensors {
                let w = try #require(try WeightSpectrum(of: tensor, in: checkpoint.files[path]!, statistics: nil, gamma: 1))
                #expect(w.gates.isEmpty, "\(tensor.name)")
                #expect(w.spectralNorm.value == 0)
            }
        }
    }
}
