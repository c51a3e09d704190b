extension Precision {
    /// The four formats Gradscope computed in before the narrow ones, in the order of the
    /// post's figures: Float16, BFloat16, Float32, Float64.
    public static let wideFormats: [Precision] = [.float16, .bfloat16, .float32, .float64]

    /// The formats of 8 bits and fewer, widest range first.
    public static let narrowFormats: [Precision] = [.float8E4M3FN, .float8E5M2, .float6E3M2FN, .float6E2M3FN, .float4E2M1FN]

    /// The layout of a narrow format, nil for the four wide ones.
    public var narrowFormat: NarrowFormat? {
        switch self {
        case .float8E4M3FN: .float8E4M3FN
        case .float8E5M2: .float8E5M2
        case .float6E3M2FN: .float6E3M2FN
        case .float6E2M3FN: .float6E2M3FN
        case .float4E2M1FN: .float4E2M1FN
        case .float16, .bfloat16, .float32, .float64: nil
        }
    }

    /// The narrow case with `format`'s layout, whatever its overflow rule (the five layouts
    /// differ in their bit counts); a programmer error for any other layout.
    @inlinable
    init(narrowLayoutOf format: NarrowFormat) {
        switch (format.exponentBitCount, format.significandBitCount) {
        case (4, 3): self = .float8E4M3FN
        case (5, 2): self = .float8E5M2
        case (3, 2): self = .float6E3M2FN
        case (2, 3): self = .float6E2M3FN
        case (2, 1): self = .float4E2M1FN
        default: preconditionFailure("\(format.name) is not one of the five narrow formats.")
        }
    }

    /// Whether the format has ±Inf; without it an overflow saturates or becomes NaN.
    public var hasInfinity: Bool { narrowFormat?.hasInfinity ?? true }

    /// Whether the format has NaN; without it a NaN is stored as a zero.
    public var hasNaN: Bool { narrowFormat?.hasNaN ?? true }

    /// The layout of a narrow case (a programmer error for the wide ones).
    var narrow: NarrowFormat {
        guard let narrowFormat else { preconditionFailure("\(rawValue) is not a narrow format.") }
        return narrowFormat
    }

    /// Calls `visitor` with the Swift type of this precision under the overflow `rule`:
    /// `.saturate` visits ``Saturating`` float8_e4m3fn or float8_e5m2; every other format
    /// visits its one type (the formats without Inf and NaN always saturate; the wide ones
    /// always overflow to ±Inf).
    public func visit<V: PrecisionVisitor>(_ visitor: V, overflow rule: OverflowRule) -> V.Result {
        switch (self, rule) {
        case (.float8E4M3FN, .saturate): visitor.visit(Saturating<Float8E4M3FN>.self)
        case (.float8E5M2, .saturate): visitor.visit(Saturating<Float8E5M2>.self)
        default: visit(visitor)
        }
    }

    /// Whether rounding `value` to this format passes its largest finite value (±Inf
    /// included, NaN not), whether the result is then ±Inf, NaN or saturated. For the wide
    /// formats this is `value` rounding to ±Inf.
    public func roundsPastGreatestFinite(_ value: Double) -> Bool {
        if let narrowFormat { return narrowFormat.roundsPastGreatestFinite(value) }
        return visit(RoundsToInfinity(value: value))
    }

    private struct RoundsToInfinity: PrecisionVisitor {
        let value: Double
        func visit<T: GradFloat>(_ type: T.Type) -> Bool { !value.isNaN && T(value).isInfinite }
    }
}

extension NarrowFormat {
    /// The smallest magnitude that rounds past the largest finite value: max + ulp/2
    /// (464, 61440, 30, 7.75, 7). In e4m3fn the tie 464 itself still rounds to 448 (even);
    /// in the others the tie rounds past.
    public var overflowThreshold: Double {
        let maximum = greatestFiniteMagnitude
        return maximum + Double(sign: .plus, exponent: maximum.exponent - significandBitCount - 1, significand: 1)
    }
}
