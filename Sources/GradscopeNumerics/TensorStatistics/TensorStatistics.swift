import CVectorMath

/// The exact statistics of one floating-point tensor (the W4 definition), over its elements x:
///
///     n, nan, posInf, negInf, zeros (x == 0, either sign)
///     absmax          max |x| over finite x (0 if none)
///     absminNonzero   min |x| over finite x ≠ 0 (nil if none)
///     sum, sumsq      Σx and Σx² over finite x, accumulated in float64
///     formats[F]      over, flush, subnormal counts for each ``TargetFormat``
///
/// Counts are exact. The sums are float64 in an order that depends on the vector width and the split
/// across threads (fixed for a given machine and file), so they agree with any other float64 evaluation
/// to rounding: well within 1e-9 of √(n·sumsq).
public struct TensorStatistics: Sendable, Equatable, Codable {
    /// The counts of one target format.
    public struct FormatCounts: Sendable, Equatable, Codable {
        public var over: UInt64
        public var flush: UInt64
        public var subnormal: UInt64
    }

    public var n: UInt64
    public var nan: UInt64
    public var posInf: UInt64
    public var negInf: UInt64
    public var zeros: UInt64
    public var absmax: Double
    public var absminNonzero: Double?
    public var sum: Double
    public var sumsq: Double
    public var formats: [TargetFormat: FormatCounts]

    init(_ s: GSTensorStats) {
        n = s.n
        nan = s.nan
        posInf = s.pos_inf
        negInf = s.neg_inf
        zeros = s.zeros
        absmax = s.absmax
        absminNonzero = s.absmin_nonzero.isFinite ? s.absmin_nonzero : nil
        sum = s.sum
        sumsq = s.sumsq
        let over = [s.over.0, s.over.1, s.over.2, s.over.3]
        let flush = [s.flush.0, s.flush.1, s.flush.2, s.flush.3]
        let subnormal = [s.subnormal.0, s.subnormal.1, s.subnormal.2, s.subnormal.3]
        var formats: [TargetFormat: FormatCounts] = [:]
        for (i, f) in TargetFormat.allCases.enumerated() {
            formats[f] = FormatCounts(over: over[i], flush: flush[i], subnormal: subnormal[i])
        }
        self.formats = formats
    }

    /// The counts for `format`.
    public subscript(format: TargetFormat) -> FormatCounts { formats[format]! }

    /// NaN + ±Inf.
    public var nonFinite: UInt64 { nan + posInf + negInf }
    /// The number of finite elements.
    public var finite: UInt64 { n - nonFinite }
    /// Σx / finite count (NaN if no finite element).
    public var mean: Double { finite > 0 ? sum / Double(finite) : .nan }
    /// √(Σx² / finite count).
    public var rms: Double { finite > 0 ? (sumsq / Double(finite)).squareRoot() : .nan }
    /// Var(x) over the finite elements, Σx²/m − (Σx/m)² (clamped at 0).
    public var variance: Double { finite > 0 ? max(sumsq / Double(finite) - mean * mean, 0) : .nan }
    /// √(Σx²): the Frobenius norm of the finite part.
    public var norm: Double { sumsq.squareRoot() }

    /// Statistics of `count` raw elements of `dtype` at `bytes` (accumulated into `into`, which starts empty).
    static func accumulate(_ into: inout GSTensorStats, _ bytes: UnsafeRawBufferPointer, dtype: TensorDType, isa: Int32 = -1) {
        guard let code = dtype.kernelCode, let base = bytes.baseAddress else { return }
        _ = gs_tensor_stats_accumulate(&into, base, bytes.count / (dtype.bits / 8), code, isa)
    }

    /// Empty running statistics for the kernels.
    static var empty: GSTensorStats {
        var s = GSTensorStats()
        gs_tensor_stats_init(&s)
        return s
    }
}
