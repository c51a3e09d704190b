import GradscopeNumerics

/// What `gradscope inspect` finds in a trace of a PyTorch run: the first Inf and NaN with their
/// causes, the modules that passed them on, the health of every leaf module (gain, activation and
/// gradient magnitudes, headroom in each narrow format), the float16 loss-scale range, and remedies
/// computed from those numbers.
///
/// ```swift
/// let inspection = TraceInspection(try TraceFile(contentsOf: "run.gstrace"))
/// inspection.firstNonFinite?.causeKind   // .overflow
/// ```
public struct TraceInspection: Sendable {
    /// The first tensor holding ±Inf, in execution order (step, then the order within the step).
    public var firstInfinity: Anomaly?
    /// The first tensor holding NaN.
    public var firstNaN: Anomaly?
    /// The non-finite tensors after the first one in its step, one per module call and kind, in order.
    public var propagators: [Propagator]
    /// The first non-finite tensor of each of the (up to five) steps after the first non-finite one.
    public var laterSteps: [Anomaly]
    /// Every parameter that an update made non-finite, with that step, earliest first.
    public var parametersGoneNonFinite: [NonFiniteParameter]
    /// Steps whose loss was NaN or ±Inf.
    public var firstNonFiniteLossStep: Int?
    /// Steps a GradScaler skipped.
    public var skippedSteps: [Int]
    /// Leaf modules in forward order.
    public var modules: [ModuleHealth]
    /// Per leaf module and full step: the heatmaps' and the CSV's numbers.
    public var moduleSteps: [ModuleStep]
    /// The running product of gains along the chosen chain.
    public var chain: ChainGain
    public var steps: [TraceStep]
    /// The float16 loss scales that keep every gradient finite and ≥ 99.9 % of non-zero gradients normal.
    public var lossScale: LossScaleRange?
    public var remedies: [TraceRemedy]

    /// The earlier of ``firstInfinity`` and ``firstNaN`` in execution order (the NaN when one tensor holds both).
    public var firstNonFinite: Anomaly?

    /// A module call that held a non-finite value only because something before it did.
    public struct Propagator: Hashable, Sendable, Codable {
        public var step: Int
        public var pass: String
        public var module: String?
        public var moduleType: String?
        public var callIndex: Int
        /// The tensor: `output`, `grad_input`, `param_grad`, …
        public var kind: String
        /// "NaN", "Infinity" or "-Infinity" in JSON.
        public var value: Double
    }

    /// One leaf module's health at the last full step before anything went non-finite.
    public struct ModuleHealth: Hashable, Sendable, Codable {
        public var name: String
        public var type: String
        /// ‖∂L/∂input‖ / ‖∂L/∂output‖ (calls summed in quadrature); nil when not measurable.
        public var gain: Double?
        public var log2Gain: Double?
        /// The step the gain and magnitudes come from.
        public var step: Int?
        public var activationAbsMax: Double?
        public var gradientRMS: Double?
        /// Per format: activations (outputs) and gradients (∂L/∂output).
        public var headroom: [FormatHeadroom]
    }

    /// Headroom of one module's activations and gradients in one format.
    public struct FormatHeadroom: Hashable, Sendable, Codable {
        public var format: String
        public var activation: Headroom?
        public var gradient: Headroom?
    }

    /// Powers of two left, shares lost, and when the trend runs out.
    public struct Headroom: Hashable, Sendable, Codable {
        /// log2(format max / max |x|): powers of two left before overflow (negative: already over).
        public var belowMaximum: Double
        /// log2(min |x≠0| / format's smallest normal): powers of two above the subnormals (negative: some are below).
        public var aboveSmallestNormal: Double?
        /// Share of non-zero values at or above 2^(e_max + 1): they overflow (from the exponent histogram; values
        /// in the top binade above the largest finite value are not counted: one binade of tolerance).
        public var overflowShare: Double?
        /// Share of non-zero values below the smallest normal (subnormal, or flushed by flush-to-zero hardware).
        public var subnormalShare: Double?
        /// Share of non-zero values below half the smallest subnormal: they round to 0.
        public var zeroShare: Double?
        /// The step at which the fitted trend of log2 max |x| reaches the format's maximum; nil when it does not grow.
        public var runsOutAtStep: Int?
    }

    /// One leaf module at one full step.
    public struct ModuleStep: Hashable, Sendable, Codable {
        public var module: String
        public var type: String
        public var step: Int
        public var activationAbsMax: Double?
        public var gradientRMS: Double?
        public var gain: Double?
        public var nonFinite: Int
    }

    /// The product of gains along a chain of leaf modules in forward order: the post's Π w·φ',
    /// measured. It explodes in a format when Σ log2 gain exceeds the format's exponent range
    /// log2(max / smallest normal), and vanishes when it is below minus that range.
    public struct ChainGain: Hashable, Sendable, Codable {
        public var pattern: String?
        public var modules: [String]
        /// Σ_{j ≥ k} log2 gain_j for each module k: the gradient at module k's input relative to the chain's end.
        public var runningLog2Gain: [Double]
        public var totalLog2Gain: Double
        public var explodesIn: [String]
        public var vanishesIn: [String]
        /// The modules with the largest |log2 gain|, largest first (at most five).
        public var ranked: [String]
    }

    /// Loss scales S = 2^k for float16, k in `lowestExponent...highestExponent`.
    public struct LossScaleRange: Hashable, Sendable, Codable {
        /// The smallest k with at most 0.1 % of non-zero gradients below float16's smallest normal once scaled.
        public var lowestExponent: Int
        /// The largest k with every gradient's S·max|g| ≤ 65504.
        public var highestExponent: Int
        public var largestGradient: Double
        /// The 0.1 % quantile's binade: 0.1 % of the non-zero gradients lie below 2^this.
        public var smallGradientExponent: Int
        public var exists: Bool { lowestExponent <= highestExponent }
    }
}

/// A fix computed from the trace, with the number it rests on.
public struct TraceRemedy: Hashable, Sendable, Codable {
    /// `clip-norm`, `loss-scale`, `operation`, `initialization`, `format`.
    public var kind: String
    public var text: String
    public var value: Double?
    /// What the number rests on, in words.
    public var basis: String
}
