import RealModule

/// A floating-point format the core can compute in.
///
/// Each case names a concrete type (`Float16`, ``BFloat16``, `Float`, `Double`)
/// and its limits. Generic code runs in a precision chosen at run time with
/// ``visit(_:)``, which calls a ``PrecisionVisitor`` with the case's type.
public enum Precision: String, CaseIterable, Codable, Sendable {
    case float16, bfloat16, float32, float64
    /// The formats of 8 bits and fewer (``NarrowFormat``), spelled as ml_dtypes spells them.
    case float8E4M3FN = "float8_e4m3fn", float8E5M2 = "float8_e5m2"
    case float6E3M2FN = "float6_e3m2fn", float6E2M3FN = "float6_e2m3fn", float4E2M1FN = "float4_e2m1fn"

    /// The largest finite value: 65504, ≈3.3895e38, ≈3.4028e38, ≈1.7977e308.
    public var greatestFiniteMagnitude: Double {
        switch self {
        case .float16: 65504
        case .bfloat16: 3.3895313892515355e38
        case .float32: Double(Float.greatestFiniteMagnitude)
        case .float64: Double.greatestFiniteMagnitude
        case .float8E4M3FN, .float8E5M2, .float6E3M2FN, .float6E2M3FN, .float4E2M1FN: narrow.greatestFiniteMagnitude
        }
    }

    /// The smallest positive normal value: 2^−14, 2^−126, 2^−126, 2^−1022.
    public var leastNormalMagnitude: Double {
        switch self {
        case .float16: 0x1p-14
        case .bfloat16, .float32: 0x1p-126
        case .float64: 0x1p-1022
        case .float8E4M3FN, .float8E5M2, .float6E3M2FN, .float6E2M3FN, .float4E2M1FN: narrow.leastNormalMagnitude
        }
    }

    /// The smallest positive subnormal value: 2^−24 ≈ 6e−8, 2^−133 ≈ 9.2e−41,
    /// 2^−149 ≈ 1.4e−45, 2^−1074 ≈ 4.9e−324.
    public var leastNonzeroMagnitude: Double {
        switch self {
        case .float16: 0x1p-24
        case .bfloat16: 0x1p-133
        case .float32: 0x1p-149
        case .float64: Double.leastNonzeroMagnitude
        case .float8E4M3FN, .float8E5M2, .float6E3M2FN, .float6E2M3FN, .float4E2M1FN: narrow.leastNonzeroMagnitude
        }
    }

    /// A human name: `Float16`, `BFloat16`, `Float32`, `Float64`.
    public var displayName: String {
        switch self {
        case .float16: "Float16"
        case .bfloat16: "BFloat16"
        case .float32: "Float32"
        case .float64: "Float64"
        case .float8E4M3FN, .float8E5M2, .float6E3M2FN, .float6E2M3FN, .float4E2M1FN: rawValue
        }
    }
}

extension Precision {
    /// The number of explicitly stored significand bits: 10, 7, 23, 52.
    public var significandBitCount: Int {
        switch self {
        case .float16: 10
        case .bfloat16: 7
        case .float32: 23
        case .float64: 52
        case .float8E4M3FN, .float8E5M2, .float6E3M2FN, .float6E2M3FN, .float4E2M1FN: narrow.significandBitCount
        }
    }

    /// `ln` of the smallest magnitude that rounds to ±Inf: the largest finite value plus half an ulp.
    public var logOverflowThreshold: Double {
        if let narrowFormat { return Double.log(narrowFormat.overflowThreshold) }
        return Double.log(greatestFiniteMagnitude) + Double.log(onePlus: 0x1p-1 * Double.pow(2, Double(-significandBitCount)))
    }

    /// `ln` of half the smallest subnormal: a magnitude at or below it rounds to 0
    /// (exactly half rounds to the even neighbour, 0). Nudged up by 1e−12 relative so
    /// that a log-sum landing on an exact power of two is not lost to its own rounding.
    public var logUnderflowThreshold: Double {
        (Double.log(leastNonzeroMagnitude) - Double.log(2)) * (1 - 1e-12)
    }
}
