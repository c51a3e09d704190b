import GradscopeNumerics

/// The network-specific half of training, which ``TrainingLoop`` drives: what a step's inputs are,
/// how its loss and gradients are computed, where the parameters live and what a step reports.
/// The loop does the rest (loss scaling, clipping, the update, the stop rules), the same for every network.
public protocol TrainingProblem {
    /// The precision of the parameters the update writes (the master weights) and of the gradients handed to the loop.
    associatedtype Scalar: GradFloat
    /// What one step draws: a batch, a spike factor, or nothing.
    associatedtype Inputs
    /// What the observer is told after each step.
    associatedtype Record

    /// When a step's loss is not finite, take no update and do not count the step as skipped by the
    /// ``GradScaler`` (no scale rescues a forward pass); false by default. A mixed-precision recurrent
    /// run sets it, keeping its master weights; the run still ends at that step (``TrainingLoop/StopRule/nonFiniteStep``).
    var keepsParametersAfterNonFiniteLoss: Bool { get }

    /// Draws step `step`'s inputs (1-based).
    mutating func inputs(forStep step: Int) -> Inputs

    /// The loss (not scaled) and the gradients at the current parameters, back-propagated from
    /// `lossScale·∂L/∂y` (nil: no loss scaling) and handed over in ``Scalar``, still multiplied by the scale.
    mutating func lossAndGradients(on inputs: Inputs, step: Int, lossScale: Double?) -> (loss: Double, gradients: ParameterGroups<Scalar>)

    /// `θ ← θ − scale·direction`, each product and difference rounded to ``Scalar``.
    mutating func update(along direction: ParameterGroups<Scalar>, scale: Scalar)

    /// Whether every parameter is finite (asked after the update).
    var parametersAreFinite: Bool { get }

    /// The step's report, built from what the loop did.
    mutating func record(of outcome: StepOutcome<Scalar>, inputs: Inputs) -> Record

    /// Called once, after the observer saw it, on the step a stop rule ended the run at (a NaN loss or
    /// a non-finite step), to name its first Inf and NaN. `optimizerState` holds Adam's moments from
    /// before that step (nil for SGD). Does nothing by default.
    mutating func replay(_ outcome: StepOutcome<Scalar>, inputs: Inputs, record: Record, optimizerState: OptimizerState<Scalar>?)
}

extension TrainingProblem {
    public var keepsParametersAfterNonFiniteLoss: Bool { false }

    public mutating func replay(_ outcome: StepOutcome<Scalar>, inputs: Inputs, record: Record,
                                optimizerState: OptimizerState<Scalar>?) {}
}

/// The one training loop: every trainer (``Trainer``, ``RecurrentTrainer`` plain and mixed-precision,
/// ``ScaledTrainer``) supplies a ``TrainingProblem`` and reads the run. For each step:
///
///     inputs ← problem.inputs(step)
///     (L, S·g) ← problem.lossAndGradients(inputs, S)       S = the GradScaler's scale, or none
///     g ← g·(1/S)                                           (1/S rounded to Float32, then to Scalar)
///     skipped ← S set and some g Inf/NaN                    (no update; S halved)
///     ‖g‖, clip, θ ← θ − s·d                                (``UpdateRule``)
///     record → observer → stop rules
///
/// ```swift
/// var loop = TrainingLoop(problem: problem, steps: 100, rule: UpdateRule(learningRate: 0.01), stopRule: .nanLoss)
/// let run = loop.run { record in .proceed }
/// ```
public struct TrainingLoop<Problem: TrainingProblem> {
    /// When a run ends before its last step (the observer's ``TrainingControl/stop`` aside).
    public enum StopRule: Hashable, Sendable {
        /// Never.
        case never
        /// After the first step whose loss is NaN, unless the observer stopped the run at that step.
        case nanLoss
        /// At the first step whose loss, gradient norm (of a step that was not skipped) or updated
        /// parameters are not finite, whatever the observer said.
        case nonFiniteStep
    }

    public enum Ending: String, Hashable, Sendable {
        case completed
        /// The observer said ``TrainingControl/stop``.
        case stopped
        /// ``StopRule/nanLoss``.
        case nanLoss
        /// ``StopRule/nonFiniteStep``.
        case nonFinite
    }

    /// The records in step order and how the run ended.
    public struct Run {
        public var records: [Problem.Record]
        public var ending: Ending
    }

    /// The problem; after ``run(observer:)``, in its trained state.
    public var problem: Problem
    public var steps: Int
    public var rule: UpdateRule
    /// Dynamic loss scaling (AMP); its scale as it stands after the run.
    public var gradScaler: GradScaler?
    public var stopRule: StopRule

    public init(problem: Problem, steps: Int, rule: UpdateRule, gradScaler: GradScaler? = nil, stopRule: StopRule) {
        precondition(steps >= 1, "Training needs at least one step.")
        self.problem = problem
        self.steps = steps
        self.rule = rule
        self.gradScaler = gradScaler
        self.stopRule = stopRule
    }

    /// Runs the steps, telling `observer` each record; see ``TrainingLoop``.
    public mutating func run(observer: (Problem.Record) -> TrainingControl = { _ in .proceed }) -> Run {
        let optimizerState = OptimizerState<Problem.Scalar>()
        let keepsMoments = rule.method != .sgd && stopRule != .never
        var records: [Problem.Record] = []
        var ending = Ending.completed
        for step in 1...steps {
            let inputs = problem.inputs(forStep: step)
            let stateBefore = keepsMoments ? optimizerState.copy() : nil
            let outcome = take(step: step, on: inputs, optimizerState: optimizerState)
            let record = problem.record(of: outcome, inputs: inputs)
            records.append(record)
            let control = observer(record)
            if let end = self.ending(after: outcome, control: control) {
                ending = end
                if end != .stopped { problem.replay(outcome, inputs: inputs, record: record, optimizerState: stateBefore) }
                break
            }
        }
        return Run(records: records, ending: ending)
    }

    /// The stop rules, in order: a non-finite step ends the run whatever the observer said; the
    /// observer's stop comes before a NaN loss.
    func ending(after outcome: StepOutcome<Problem.Scalar>, control: TrainingControl) -> Ending? {
        if stopRule == .nonFiniteStep, !outcome.isFinite { return .nonFinite }
        if control == .stop { return .stopped }
        if stopRule == .nanLoss, outcome.loss.isNaN { return .nanLoss }
        return nil
    }
}
