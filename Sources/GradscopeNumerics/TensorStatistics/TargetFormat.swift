/// A narrower floating-point format a tensor might be cast to, with the limits the scan counts against.
///
///     format          max finite            min normal   min subnormal
///     float16         65504                 2^-14        2^-24
///     bfloat16        (2 − 2^-7)·2^127      2^-126       2^-133
///     float8_e4m3fn   448                   2^-6         2^-9
///     float8_e5m2     57344                 2^-14        2^-16
///
/// For each finite x: `over` = |x| > max (does not fit: round-to-nearest overflows from the midpoint
/// above max, so this also counts the values between max and that midpoint, which saturating casts keep);
/// `flush` = 0 < |x| ≤ min_subnormal/2 (rounds to zero); `subnormal` = min_subnormal/2 < |x| < min_normal.
public enum TargetFormat: String, CaseIterable, Sendable, Codable, CodingKeyRepresentable {
    case float16, bfloat16
    case float8E4M3FN = "float8_e4m3fn"
    case float8E5M2 = "float8_e5m2"

    /// The largest finite value.
    public var maximum: Double {
        switch self {
        case .float16: 65504
        case .bfloat16: 0x1.fep127
        case .float8E4M3FN: 448
        case .float8E5M2: 57344
        }
    }

    /// The smallest positive normal value.
    public var minimumNormal: Double {
        switch self {
        case .float16, .float8E5M2: 0x1p-14
        case .bfloat16: 0x1p-126
        case .float8E4M3FN: 0x1p-6
        }
    }

    /// The smallest positive subnormal value.
    public var minimumSubnormal: Double {
        switch self {
        case .float16: 0x1p-24
        case .bfloat16: 0x1p-133
        case .float8E4M3FN: 0x1p-9
        case .float8E5M2: 0x1p-16
        }
    }
}
