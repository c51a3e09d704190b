import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct InitializerTests {
    func variance(_ m: Matrix<Double>) -> Double {
        let n = Double(m.elements.count)
        let mean = m.elements.reduce(0, +) / n
        return m.elements.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    }

    static let varianceCases: [(Initializer, Double)] = [
        (.xavierNormal(), 2.0 / 300),
        (.xavierUniform(), 2.0 / 300),
        (.heNormal(fan: .fanIn), 2.0 / 200),
        (.heNormal(fan: .fanOut), 2.0 / 100),
        (.normal(standardDeviation: 0.5), 0.25),
    ]

    @Test("Sample variances match 2/(fanIn+fanOut), 2/fan and σ²", arguments: varianceCases)
    func variances(initializer: Initializer, expected: Double) {
        var g = Xoshiro256StarStar(seed: 11)
        let w = initializer.weights(fanIn: 200, fanOut: 100, using: &g)
        #expect(w.rows == 100 && w.columns == 200)
        #expect(initializer.variance(fanIn: 200, fanOut: 100) == expected)
        // 20000 samples: the sample variance is within 5% (≈ 5 standard errors of √(2/n) ≈ 1%).
        #expect(abs(variance(w) / expected - 1) < 0.05, "\(initializer): \(variance(w)) vs \(expected)")
    }

    @Test("Xavier uniform stays inside ±√(6/(fanIn+fanOut))")
    func xavierBound() {
        var g = Xoshiro256StarStar(seed: 3)
        let w = Initializer.xavierUniform().weights(fanIn: 30, fanOut: 20, using: &g)
        #expect(w.elements.allSatisfy { abs($0) <= (6.0 / 50).squareRoot() })
    }

    @Test("Orthogonal weights have orthonormal rows or columns, times the gain", arguments: [(8, 8), (12, 5), (5, 12), (1, 1)])
    func orthogonal(fanIn: Int, fanOut: Int) {
        var g = Xoshiro256StarStar(seed: 5)
        let gain = 1.5
        let w = Initializer.orthogonal(gain: gain).weights(fanIn: fanIn, fanOut: fanOut, using: &g)
        let gram = fanOut >= fanIn ? w.transposed() * w : w * w.transposed()
        let n = min(fanIn, fanOut)
        #expect(gram.rows == n)
        for r in 0..<n {
            for c in 0..<n {
                #expect(abs(gram[r, c] - (r == c ? gain * gain : 0)) < 1e-12, "(\(r), \(c)) = \(gram[r, c])")
            }
        }
    }

    @Test("Identity, scaled and constant")
    func deterministic() {
        var g = Xoshiro256StarStar(seed: 0)
        #expect(Initializer.identity(scale: 2).weights(fanIn: 3, fanOut: 2, using: &g).elements == [2, 0, 0, 0, 2, 0])
        let existing = Matrix<Double>(rows: 1, columns: 2, elements: [8, -4])
        #expect(Initializer.scaled(by: 0.125).weights(fanIn: 2, fanOut: 1, existing: existing, using: &g).elements == [1, -0.5])
        #expect(Initializer.constant(3).weights(fanIn: 2, fanOut: 2, using: &g).elements == [3, 3, 3, 3])
    }

    @Test("Names read back", arguments: ["normal:0.1", "xavier-normal", "xavier-uniform", "he", "he-fan-out", "orthogonal", "orthogonal:2",
                                         "identity", "scaled:0.125", "constant:1"])
    func names(name: String) throws {
        let initializer = try #require(Initializer(named: name))
        #expect(Initializer(named: initializer.name) == initializer)
        #expect(Initializer(named: "xavier") == .xavierNormal())
        #expect(Initializer(named: "scaled") == nil)
        #expect(Initializer(named: "normal:-1") == nil)
    }

    @Test("Matrix products, transpose and norms")
    func matrix() {
        let m = Matrix<Float>(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
        #expect(m * [1, 0, -1] == [-2, -2])
        #expect((m * m.transposed()).elements == [14, 32, 32, 77])
        #expect(m.transposed()[2, 1] == 6)
        #expect(Matrix<Double>(rows: 1, columns: 2, elements: [3, 4]).frobeniusNorm == 5)
        #expect(Matrix<Double>(rows: 1, columns: 2, elements: [3, .nan]).maxMagnitude.isNaN)
        #expect(Matrix<Double>.identity(2).elements == [1, 0, 0, 1])
    }
}
