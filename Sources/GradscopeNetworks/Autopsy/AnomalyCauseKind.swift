/// Why an operation produced an Inf or a NaN, for machines: the `cause.kind` of `gradscope inspect`
/// and ``Anomaly/causeKind`` of `gradscope autopsy`. The words are in ``Anomaly/cause``.
public enum AnomalyCauseKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A result exceeded its format's largest finite value.
    case overflow
    /// A cast to a narrower format (autocast's float32 → float16) exceeded that format's largest finite value.
    case castOverflow = "cast-overflow"
    /// log(0) = −Inf.
    case logOfZero = "log-of-zero"
    /// log(x < 0) = NaN.
    case logOfNegative = "log-of-negative"
    /// sqrt(x < 0) = NaN.
    case sqrtOfNegative = "sqrt-of-negative"
    /// x / 0 = ±Inf, or 0 / 0 = NaN.
    case divisionByZero = "division-by-zero"
    /// ±Inf × 0 = NaN.
    case zeroTimesInf = "zero-times-inf"
    /// Inf − Inf = NaN (also a sum whose terms overflowed with both signs).
    case infMinusInf = "inf-minus-inf"
    /// The data fed to the network was already non-finite.
    case nonfiniteInput = "nonfinite-input"
    /// A parameter was already non-finite (an earlier update made it so).
    case nonfiniteParameter = "nonfinite-parameter"
    /// A non-zero result rounded to 0.
    case underflow
    /// Not decided from what was recorded; the text says what is known.
    case unknown

    /// The kind of an autopsy's anomaly, from its operation and operands.
    public init(_ kind: Anomaly.Kind, site: OperationSite, nonFiniteParameter: Bool) {
        let v = site.operands.map(\.value)
        if kind == .underflow { self = .underflow; return }
        if nonFiniteParameter { self = .nonfiniteParameter; return }
        switch (kind, site.kind) {
        case (.nan, .multiply) where v.contains(where: \.isInfinite) && v.contains(0): self = .zeroTimesInf
        case (.nan, .add), (.nan, .subtract): self = v.filter(\.isInfinite).count == 2 ? .infMinusInf : .unknown
        case (_, .divide) where v.count == 2 && v[1] == 0: self = .divisionByZero
        case (.infinity, .conversion): self = .castOverflow
        case (.infinity, _): self = v.contains(where: \.isInfinite) ? .unknown : .overflow
        default: self = .unknown
        }
    }
}
