import GradscopeNumerics
/// At which depth does a chain's gradient leave a floating-point format?
///
/// For the chain `a_l = w·y_{l−1} + b`, `y_l = φ(a_l)` (optionally a different
/// first layer) the slope and the first layer's gradients are products:
///
///     dy_L/dx   = Π_{l=1..L} w_l·φ'(a_l)
///     ∂y_L/∂b_1 = φ'(a_1) · Π_{l=2..L} w_l·φ'(a_l)
///     ∂y_L/∂w_1 = x · ∂y_L/∂b_1
///
/// The *predicted* depth is the first L at which `Σ ln|w_l·φ'(a_l)|` (computed
/// in Double, in log space, from a Double forward pass) passes the logarithm of
/// the format's largest finite value (overflow) or of half its smallest
/// subnormal (underflow: below it the value rounds to 0). The *observed* depth
/// comes from running the chain in the format itself, every operation rounded
/// to it; ∂y_L/∂b_1 at the observed depth is re-checked by an actual reverse
/// pass (``Chain/trace(at:)``).
public struct OverflowForecast: Sendable, Equatable {
    /// Depths for one quantity in one format; `nil` where it does not happen up to the maximum depth.
    public struct Depths: Codable, Sendable, Equatable {
        public var predictedOverflowDepth: Int?
        public var observedOverflowDepth: Int?
        public var predictedUnderflowDepth: Int?
        public var observedUnderflowDepth: Int?

        /// Absent depths are written as `null`, never omitted.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(predictedOverflowDepth, forKey: .predictedOverflowDepth)
            try c.encode(observedOverflowDepth, forKey: .observedOverflowDepth)
            try c.encode(predictedUnderflowDepth, forKey: .predictedUnderflowDepth)
            try c.encode(observedUnderflowDepth, forKey: .observedUnderflowDepth)
        }
    }

    /// The format.
    public var precision: Precision
    /// Depths for `dy_L/dx`.
    public var slope: Depths
    /// Depths for `∂y_L/∂b_1`.
    public var firstBias: Depths
    /// Depths for `∂y_L/∂w_1`.
    public var firstWeight: Depths
    /// The first depth whose forward output `y_L` is ±Inf or NaN in this format.
    public var forwardOverflowDepth: Int?
    /// The first depth at which a slope `φ'(a_l)` or weight is exactly zero, making
    /// every product exactly 0 from there on (not an underflow): a dead relu, or x = 0 for ∂y/∂w_1.
    public var exactZeroDepth: Int?
    /// Whether a reverse pass at the observed depths agrees with the forward-accumulated ∂y_L/∂b_1.
    public var confirmedByBackprop: Bool
    /// Plain-language explanations of every disagreement between prediction and run.
    public var notes: [String]
}

extension OverflowForecast: Codable {
    enum CodingKeys: String, CodingKey {
        case precision, predictedOverflowDepth, observedOverflowDepth, predictedUnderflowDepth, observedUnderflowDepth
        case firstBias, firstWeight, forwardOverflowDepth, exactZeroDepth, confirmedByBackprop, notes
    }

    /// The slope's depths sit at the top level; absent depths are written as `null`, never omitted.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(precision, forKey: .precision)
        try c.encode(slope.predictedOverflowDepth, forKey: .predictedOverflowDepth)
        try c.encode(slope.observedOverflowDepth, forKey: .observedOverflowDepth)
        try c.encode(slope.predictedUnderflowDepth, forKey: .predictedUnderflowDepth)
        try c.encode(slope.observedUnderflowDepth, forKey: .observedUnderflowDepth)
        try c.encode(firstBias, forKey: .firstBias)
        try c.encode(firstWeight, forKey: .firstWeight)
        try c.encode(forwardOverflowDepth, forKey: .forwardOverflowDepth)
        try c.encode(exactZeroDepth, forKey: .exactZeroDepth)
        try c.encode(confirmedByBackprop, forKey: .confirmedByBackprop)
        try c.encode(notes, forKey: .notes)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        precision = try c.decode(Precision.self, forKey: .precision)
        slope = Depths(
            predictedOverflowDepth: try c.decodeIfPresent(Int.self, forKey: .predictedOverflowDepth),
            observedOverflowDepth: try c.decodeIfPresent(Int.self, forKey: .observedOverflowDepth),
            predictedUnderflowDepth: try c.decodeIfPresent(Int.self, forKey: .predictedUnderflowDepth),
            observedUnderflowDepth: try c.decodeIfPresent(Int.self, forKey: .observedUnderflowDepth))
        firstBias = try c.decode(Depths.self, forKey: .firstBias)
        firstWeight = try c.decode(Depths.self, forKey: .firstWeight)
        forwardOverflowDepth = try c.decodeIfPresent(Int.self, forKey: .forwardOverflowDepth)
        exactZeroDepth = try c.decodeIfPresent(Int.self, forKey: .exactZeroDepth)
        confirmedByBackprop = try c.decode(Bool.self, forKey: .confirmedByBackprop)
        notes = try c.decode([String].self, forKey: .notes)
    }
}
