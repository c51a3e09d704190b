import GradscopeNumerics
/// A finished (or stopped) training run: every step's report and the end state.
public struct TrainingRun: Sendable {
    public enum Ending: String, Hashable, Sendable, Codable {
        /// All steps ran.
        case completed
        /// The loss became NaN (and ``TrainingConfiguration/stopsAtNaNLoss`` was set).
        case nanLoss
        /// The observer asked to stop.
        case stopped
    }

    public var steps: [TrainingStep]
    public var ending: Ending
    /// The starting parameters as rounded to the precision the update runs in.
    public var initialParameters: ParameterGroups<Double>
    public var finalParameters: ParameterGroups<Double>
    /// The gradients of step 1 and of the last step (unscaled, before clipping), for histograms.
    public var firstGradients: ParameterGroups<Double>?
    public var lastGradients: ParameterGroups<Double>?
    /// The first step whose gradients (unscaled, before clipping) held an Inf or a NaN, and those gradients.
    public var firstNonFiniteGradients: (step: Int, gradients: ParameterGroups<Double>)?

    /// Whether no step went bad (see ``TrainingStep/isNonFinite``).
    public var stayedFinite: Bool { !steps.contains(where: \.isNonFinite) }

    /// The first step that went bad.
    public var firstNonFiniteStep: Int? { steps.first(where: \.isNonFinite)?.step }

    /// The loss of the last step.
    public var finalLoss: Double? { steps.last?.loss }

    /// The largest gradient norm of the steps that updated the parameters (AMP's skipped
    /// steps left out); NaN if one was NaN, +Inf if one was infinite.
    public var maxGradientNorm: Double? {
        let norms = steps.filter { !$0.skipped }.map(\.gradientNorm)
        guard let first = norms.first else { return nil }
        return norms.dropFirst().reduce(first) { $0.isNaN || $1.isNaN ? .nan : max($0, $1) }
    }

    /// The groups (0-based) whose every parameter ended exactly where it started: their
    /// gradients were 0 (underflow, a dead unit) or their updates rounded away.
    public var unchangedGroups: [Int] {
        zip(initialParameters.values, finalParameters.values).enumerated().filter { $0.element.0 == $0.element.1 }.map(\.offset)
    }
}
