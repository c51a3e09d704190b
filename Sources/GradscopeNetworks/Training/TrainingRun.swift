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

extension TrainingRun {
    /// The gradients a run keeps for its report, noted step by step (unscaled, before clipping, in Double).
    struct KeptGradients {
        var first: ParameterGroups<Double>?
        var last: ParameterGroups<Double>?
        var firstNonFinite: (step: Int, gradients: ParameterGroups<Double>)?

        mutating func note<T: GradFloat>(_ gradients: ParameterGroups<T>, step: Int) {
            let wide = gradients.converted(to: Double.self)
            if step == 1 { first = wide }
            last = wide
            if firstNonFinite == nil, !gradients.isFinite { firstNonFinite = (step, wide) }
        }
    }

    /// A ``TrainingLoop``'s run of ``TrainingStep`` records, with the parameters it started and ended at.
    init<P: TrainingProblem>(_ run: TrainingLoop<P>.Run, initialParameters: ParameterGroups<Double>, finalParameters: ParameterGroups<Double>,
                             gradients: KeptGradients) where P.Record == TrainingStep {
        self.init(steps: run.records, ending: run.ending == .stopped ? .stopped : run.ending == .nanLoss ? .nanLoss : .completed,
                  initialParameters: initialParameters, finalParameters: finalParameters,
                  firstGradients: gradients.first, lastGradients: gradients.last, firstNonFiniteGradients: gradients.firstNonFinite)
    }
}
