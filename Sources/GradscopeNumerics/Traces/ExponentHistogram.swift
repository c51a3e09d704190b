/// The counts of a tensor's values by base-2 exponent, as the probe records them (schema version 1):
/// 325 bins, `[0]` zero, `[1]` non-finite, `[2]` e < −160, `[3 + e + 160]` for e = floor(log2|x|) in
/// −160…160, `[324]` e > 160.
///
/// A value x with 2^e ≤ |x| < 2^(e+1) falls in bin e, so shares read from it are exact at
/// power-of-two boundaries and otherwise bracket the true share within one bin.
public struct ExponentHistogram: Hashable, Sendable {
    public static let binCount = 325
    public static let lowestExponent = -160
    public static let highestExponent = 160

    public var counts: [Int64]

    /// - Precondition: `counts.count == 325`.
    public init(counts: [Int64]) {
        precondition(counts.count == Self.binCount, "An exponent histogram has \(Self.binCount) bins.")
        self.counts = counts
    }

    public static var empty: ExponentHistogram { ExponentHistogram(counts: Array(repeating: 0, count: binCount)) }

    public var zeros: Int64 { counts[0] }
    /// Finite non-zero values.
    public var nonZeroFinite: Int64 { counts[2...].reduce(0, +) }

    /// The count of finite non-zero values with floor(log2|x|) < e (values below 2^e).
    public func count(below e: Int) -> Int64 {
        if e <= Self.lowestExponent { return e == Self.lowestExponent ? counts[2] : 0 }
        let upper = min(e, Self.highestExponent + 1)
        return counts[2] + counts[3..<(3 + upper - Self.lowestExponent)].reduce(0, +)
    }

    /// The count of finite non-zero values with floor(log2|x|) ≥ e (values at or above 2^e).
    public func count(atOrAbove e: Int) -> Int64 { nonZeroFinite - count(below: e) }

    /// The smallest e such that at most `share` of the finite non-zero values lie below 2^e
    /// (the lower edge of the `share` quantile's bin); nil when there are no such values.
    public func exponent(atShare share: Double) -> Int? {
        let total = nonZeroFinite
        guard total > 0 else { return nil }
        var below: Int64 = counts[2]
        if Double(below) > share * Double(total) { return Self.lowestExponent - 1 }
        for e in Self.lowestExponent...Self.highestExponent {
            let next = below + counts[3 + e - Self.lowestExponent]
            if Double(next) > share * Double(total) { return e }
            below = next
        }
        return Self.highestExponent + 1
    }

    public static func + (a: ExponentHistogram, b: ExponentHistogram) -> ExponentHistogram {
        ExponentHistogram(counts: zip(a.counts, b.counts).map { $0 &+ $1 })
    }
}
