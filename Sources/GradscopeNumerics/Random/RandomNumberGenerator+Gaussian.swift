import RealModule

extension RandomNumberGenerator {
    /// A standard normal sample N(0, 1) by the Box–Muller transform, from two uniform draws:
    ///
    ///     z = √(−2·ln u₁) · cos(2π·u₂),   u₁ ∈ (0, 1],  u₂ ∈ [0, 1)
    ///
    /// Each call uses exactly two draws (the sine partner is not cached), so a
    /// generator's stream and the samples it gives stay easy to reproduce.
    ///
    /// ```swift
    /// var rng = Xoshiro256StarStar(seed: 1)
    /// let weights = (0..<10).map { _ in 0.1 * rng.nextGaussian() }   // N(0, 0.01)
    /// ```
    public mutating func nextGaussian() -> Double {
        let u1 = 1 - Double.random(in: 0..<1, using: &self)  // (0, 1]: ln never sees 0
        let u2 = Double.random(in: 0..<1, using: &self)
        return Double.sqrt(-2 * Double.log(u1)) * Double.cos(2 * Double.pi * u2)
    }

    /// A normal sample with the given mean and standard deviation: `mean + σ·z`.
    public mutating func nextGaussian(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * nextGaussian()
    }
}
