/// The seeded generator used everywhere randomness is needed: xoshiro256**
/// (Blackman & Vigna 2018, <https://prng.di.unimi.it>), its 256-bit state filled
/// from a 64-bit seed by ``SplitMix64``, as the authors recommend.
///
///     result = rotl(s1 · 5, 7) · 9
///     t = s1 << 17;  s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3;  s2 ^= t;  s3 = rotl(s3, 45)
///
/// The same seed gives the same stream on every platform, so the same command
/// prints the same numbers. Pass it (`inout`) wherever a `RandomNumberGenerator` is taken:
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 42)
/// let z = rng.nextGaussian()           // N(0, 1)
/// let u = Double.random(in: 0..<1, using: &rng)
/// ```
public struct Xoshiro256StarStar: RandomNumberGenerator, Hashable, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// A generator whose state is the first four outputs of `SplitMix64(seed: seed)`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
