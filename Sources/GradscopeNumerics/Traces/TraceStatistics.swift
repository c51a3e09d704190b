/// The statistics the probe records for one tensor (a row of the trace's `stats` table).
///
/// Magnitudes are over the finite values only; non-finite values are counted, never folded in:
/// a tensor `[1, -Inf, NaN, 0]` has `count` 4, `nan` 1, `negativeInfinities` 1, `zeros` 1, `absMax` 1.
public struct TraceStatistics: Hashable, Sendable, Codable {
    public var count: Int
    public var nan: Int
    public var positiveInfinities: Int
    public var negativeInfinities: Int
    /// Zeros of either sign.
    public var zeros: Int
    /// max |x| over finite x; 0 when there is none.
    public var absMax: Double
    /// min |x| over finite non-zero x; nil when there is none.
    public var absMin: Double?
    /// Mean over finite x; nil when there is none.
    public var mean: Double?
    /// sqrt(mean(x²)) over finite x; nil when there is none.
    public var rms: Double?
    /// The count of 0 < |x| < 2^-14 (float16's smallest normal); nil on watch-only rows.
    public var float16Subnormals: Int?

    public init(count: Int, nan: Int = 0, positiveInfinities: Int = 0, negativeInfinities: Int = 0, zeros: Int = 0,
                absMax: Double, absMin: Double? = nil, mean: Double? = nil, rms: Double? = nil, float16Subnormals: Int? = nil) {
        self.count = count
        self.nan = nan
        self.positiveInfinities = positiveInfinities
        self.negativeInfinities = negativeInfinities
        self.zeros = zeros
        self.absMax = absMax
        self.absMin = absMin
        self.mean = mean
        self.rms = rms
        self.float16Subnormals = float16Subnormals
    }

    /// NaN, +Inf and −Inf together.
    public var nonFinite: Int { nan + positiveInfinities + negativeInfinities }
    public var isFinite: Bool { nonFinite == 0 }

    /// The value that stands for the tensor in a sentence: NaN if it holds one, else +Inf, −Inf, else max |x|.
    public var representative: Double {
        if nan > 0 { return .nan }
        if positiveInfinities > 0 { return .infinity }
        if negativeInfinities > 0 { return -.infinity }
        return absMax
    }

    /// The L2 norm over the finite values: rms · sqrt(finite count); nil without an rms.
    public var finiteNorm: Double? {
        guard let rms else { return nil }
        return rms * Double(count - nonFinite).squareRoot()
    }
}
