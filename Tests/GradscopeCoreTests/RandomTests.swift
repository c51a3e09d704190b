import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct RandomTests {
    @Test("SplitMix64 from seed 0 gives the reference stream")
    func splitMixReference() {
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(g.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("The same seed gives the same numbers; another seed others")
    func determinism() {
        var a = Xoshiro256StarStar(seed: 42), b = Xoshiro256StarStar(seed: 42), c = Xoshiro256StarStar(seed: 43)
        let xs = (0..<8).map { _ in a.next() }
        #expect(xs == (0..<8).map { _ in b.next() })
        #expect(xs != (0..<8).map { _ in c.next() })
    }

    @Test("xoshiro256** step matches the reference algorithm on its state")
    func xoshiroStep() {
        // State from SplitMix64(seed: 7), then one reference step written out.
        var mixer = SplitMix64(seed: 7)
        var s = (0..<4).map { _ in mixer.next() }
        func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
        var g = Xoshiro256StarStar(seed: 7)
        for _ in 0..<5 {
            let expected = rotl(s[1] &* 5, 7) &* 9
            let t = s[1] << 17
            s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
            #expect(g.next() == expected)
        }
    }

    @Test("Gaussian samples have mean 0 and variance 1", arguments: [UInt64(1), 2, 3])
    func gaussianMoments(seed: UInt64) {
        var g = Xoshiro256StarStar(seed: seed)
        let n = 50_000
        let samples = (0..<n).map { _ in g.nextGaussian() }
        let mean = samples.reduce(0, +) / Double(n)
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        // 5 standard errors: 5/√n ≈ 0.022 for the mean, 5·√(2/n) ≈ 0.032 for the variance.
        #expect(abs(mean) < 0.022, "seed \(seed): mean \(mean)")
        #expect(abs(variance - 1) < 0.032, "seed \(seed): variance \(variance)")
        #expect(samples.allSatisfy { $0.isFinite })
        let shifted = g.nextGaussian(mean: 3, standardDeviation: 0)
        #expect(shifted == 3)
    }
}
