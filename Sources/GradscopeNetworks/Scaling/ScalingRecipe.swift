import GradscopeNumerics

/// How a tensor is scaled before it is cast to a narrow format, as FP8 training does it.
///
/// With scale s the cast is `q(x) = round(x·s) / s` (round: to the format, nearest even):
///
/// - `none`: s = 1, the plain cast, to show what fails.
/// - `current`: s = max_format / amax(x) × 2^−margin, from the tensor itself at each cast.
/// - `delayed`: Transformer Engine's recipe: s = max_format / amax_h × 2^−margin, amax_h the
///   maximum (or the most recent) of the last `history` amaxes, recorded after each use. The
///   first step uses s = 1; amax = 0 keeps the previous scale; a non-finite amax is reported
///   and not recorded.
/// - `mx`: OCP MX v1.0 block scaling: one power-of-two scale per 32 values along the
///   reduction dimension, X = 2^(⌊log2 amax(block)⌋ − emax_element) (E8M0, clamped to
///   2^±127), elements saturating. A shorter reduction dimension is padded with zeros.
///
/// See [Transformer Engine: FP8 delayed scaling](https://docs.nvidia.com/deeplearning/transformer-engine/user-guide/examples/fp8_primer.html)
/// and [OCP Microscaling Formats v1.0](https://www.opencompute.org/documents/ocp-microscaling-formats-mx-v1-0-spec-final-pdf).
public enum ScalingRecipe: Hashable, Sendable, CustomStringConvertible {
    case none
    case current(margin: Int)
    case delayed(history: Int, margin: Int, amax: AmaxRule)
    case mx

    /// Which amax of the history sets a delayed scale (Transformer Engine's `amax_compute_algo`).
    public enum AmaxRule: String, Hashable, Sendable, CaseIterable, Codable {
        /// The largest amax of the history (the default).
        case max
        /// The most recent amax.
        case mostRecent = "most_recent"
    }

    /// The MX block length along the reduction dimension.
    public static let blockLength = 32

    /// `none`, `current`, `delayed` or `mx`: the name `scale=` takes.
    public var name: String {
        switch self {
        case .none: "none"
        case .current: "current"
        case .delayed: "delayed"
        case .mx: "mx"
        }
    }

    /// `scale=current`, `scale=delayed` (with non-default settings: `scale=delayed(history 16, margin 1)`).
    public var description: String {
        switch self {
        case .current(let margin) where margin != 0: "scale=current(margin \(margin))"
        case .delayed(let history, let margin, let rule) where history != 1024 || margin != 0 || rule != .max:
            "scale=delayed(history \(history), margin \(margin)\(rule == .max ? "" : ", most recent"))"
        default: "scale=\(name)"
        }
    }

    /// Reads `none`, `current`, `delayed` or `mx` with the given settings; nil for another name.
    public init?(named name: String, margin: Int = 0, history: Int = 1024, amax: AmaxRule = .max) {
        switch name.lowercased() {
        case "none": self = .none
        case "current": self = .current(margin: margin)
        case "delayed": self = .delayed(history: history, margin: margin, amax: amax)
        case "mx": self = .mx
        default: return nil
        }
    }

    /// The same recipe with other settings (the ones it does not use are ignored).
    public func with(margin: Int, history: Int, amax: AmaxRule) -> ScalingRecipe {
        switch self {
        case .none, .mx: self
        case .current: .current(margin: margin)
        case .delayed: .delayed(history: history, margin: margin, amax: amax)
        }
    }
}
