import RealModule

/// The seeded generator of the wide-network experiments: SplitMix64 (Steele, Lea & Flood 2014)
/// with standard normal samples by the Box–Muller transform,
///
///     z = √(−2 ln u₁) · cos(2π u₂),   u₁ ∈ (0, 1], u₂ ∈ [0, 1)   (two uniform draws per sample)
///
/// The same seed gives the same numbers on every platform.
///
/// ```swift
/// var random = WideRandom(seed: 1)
/// let z = random.gaussian()
/// ```
public struct WideRandom: RandomNumberGenerator, Sendable, Hashable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform sample in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A standard normal sample.
    public mutating func gaussian() -> Double {
        let u1 = 1 - uniform(), u2 = uniform()
        return Double.sqrt(-2 * Double.log(u1)) * Double.cos(2 * Double.pi * u2)
    }

    /// An independent generator for stream `index` (e.g. one per seed or grid cell).
    public func split(_ index: Int) -> WideRandom {
        var mixer = WideRandom(seed: state ^ (0xD1B5_4A32_D192_ED03 &* UInt64(index + 1)))
        return WideRandom(seed: mixer.next())
    }
}
