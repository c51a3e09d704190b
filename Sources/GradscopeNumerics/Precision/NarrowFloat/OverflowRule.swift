/// What rounding does with a magnitude past a narrow format's largest finite value.
///
/// `nonfinite` is the OCP rule and ml_dtypes' cast: float8_e4m3fn gives NaN above 464
/// (and for ±Inf), float8_e5m2 gives ±Inf from 61440 on. `saturate` clamps to ±max
/// (±Inf included; NaN stays NaN). The formats without Inf and NaN (float6_e3m2fn,
/// float6_e2m3fn, float4_e2m1fn) can only saturate, so both rules give the same values there.
public enum OverflowRule: String, CaseIterable, Codable, Sendable {
    case nonfinite, saturate
}
