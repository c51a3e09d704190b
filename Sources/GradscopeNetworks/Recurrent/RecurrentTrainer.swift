import GradscopeNumerics
import Foundation

/// One step of recurrent training, as reported to the observer.
public struct RecurrentTrainingStep: Hashable, Sendable, Codable {
    /// 1-based.
    public var step: Int
    /// The training batch's loss before the update.
    public var loss: Double
    /// ‖∂L/∂θ‖ before clipping.
    public var gradientNorm: Double
    /// Whether clipping rescaled the step.
    public var clipped: Bool
    /// ‖∂L/∂h_t‖ for t = 0…T (see ``RecurrentGradients/stateGradientNorms``).
    public var stateGradientNorms: [Double]
    /// The loss on the test set, on the steps where it is evaluated (every `evaluationInterval` steps and the last).
    public var testLoss: Double?
    /// For a classification task (softmax cross-entropy), the share of test sequences whose largest
    /// output is the target class, on the same steps as ``testLoss``; `nil` otherwise.
    public var testAccuracy: Double? = nil
    /// The loss scale S of a mixed-precision run with a ``GradScaler`` (nil without one).
    public var lossScale: Double? = nil
    /// Whether the scaler skipped this step's update (its gradients were not finite); nil without a scaler.
    public var skipped: Bool? = nil
    /// FP8 training (``RecurrentTrainer/scaling``): the scale each per-tensor cast used this step,
    /// by tensor name (the smallest when the tensor was cast in several chunks); nil without scaling.
    public var castScales: [String: Float]? = nil
}

/// How a recurrent network is trained.
public struct RecurrentTrainingConfiguration: Hashable, Sendable {
    public var steps: Int
    public var batchSize: Int
    public var sgd: RecurrentSGD
    /// Seeds the training batches (seed + 1) and the test set (seed + 2); the initial weights use `seed`.
    public var seed: UInt64
    /// Sequences in the fixed test set.
    public var testSize: Int
    /// Evaluate the test loss every this many steps (and at the last step).
    public var evaluationInterval: Int
    /// Threads: the batch is split into this many parts, computed concurrently.
    public var threads: Int

    public init(steps: Int, batchSize: Int, sgd: RecurrentSGD, seed: UInt64 = 0, testSize: Int = 1000,
                evaluationInterval: Int = 100, threads: Int = 1) {
        precondition(steps >= 1 && batchSize >= 1 && testSize >= 1 && evaluationInterval >= 1 && threads >= 1, "Sizes must be positive.")
        self.steps = steps
        self.batchSize = batchSize
        self.sgd = sgd
        self.seed = seed
        self.testSize = testSize
        self.evaluationInterval = evaluationInterval
        self.threads = threads
    }
}

/// The first Inf or NaN of a recurrent training run, found by replaying the step where it
/// appeared one operation at a time (``ReplayableRecurrentNetwork/traceStep(on:sgd:optimizerState:probe:)``).
public struct RecurrentAnomaly: Hashable, Sendable, Codable {
    /// The probe's record; its `layer` is the time step t (nil for the loss and the update).
    public var anomaly: Anomaly
    /// The training step's state-gradient norms ‖∂L/∂h_t‖ as the fast path computed them.
    public var stateGradientNorms: [Double]

    public var step: Int { anomaly.step }
    public var timeStep: Int? { anomaly.layer }

    /// "step 12, backward, time step 37, sequence 4"
    public var place: String {
        var parts = ["step \(anomaly.step)", anomaly.pass.rawValue]
        if let t = anomaly.layer { parts.append("time step \(t)") }
        if let b = anomaly.sample { parts.append("sequence \(b)") }
        return parts.joined(separator: ", ")
    }

    /// "First Inf: step 12, backward, time step 37, sequence 4: ∂L/∂h_36[5] … = Inf with …. Cause: …."
    public var summary: String {
        let title = anomaly.kind == .nan ? "First NaN" : "First Inf"
        return "\(title): \(place): \(anomaly.operation) = \(TerminalNumber.brief(anomaly.result)) with \(anomaly.operandText). Cause: \(anomaly.cause)."
    }
}

/// A finished (or stopped) recurrent training run.
public struct RecurrentTrainingRun: Sendable {
    public enum Ending: String, Hashable, Sendable, Codable {
        case completed
        /// A loss, gradient or parameter became Inf or NaN; the run stopped at that step.
        case nonFinite
        /// The observer asked to stop.
        case stopped
    }

    public var steps: [RecurrentTrainingStep]
    public var ending: Ending
    /// The task's trivial-predictor loss (1/6 for the adding problem).
    public var baselineLoss: Double
    /// The last test loss evaluated.
    public var finalTestLoss: Double? { steps.last(where: { $0.testLoss != nil })?.testLoss }
    /// The first Inf and the first NaN of the step that went non-finite (nil when the replay found none, or the network is not a ``ReplayableRecurrentNetwork``).
    public var firstInfinity: RecurrentAnomaly?
    public var firstNaN: RecurrentAnomaly?
    /// Pascanu's conditions on the recurrent matrix at the start and at the end (Elman networks).
    public var initialConditions: PascanuConditions?
    public var finalConditions: PascanuConditions?
    /// Wall-clock seconds.
    public var seconds: Double
    /// What the casts did in FP8 training (nil without ``RecurrentTrainer/scaling``).
    public var casts: RecurrentCastSummary? = nil
}

/// Trains a recurrent network on a ``SequenceTask`` with mini-batch SGD (``RecurrentSGD``):
/// a fresh seeded batch every step, a fixed seeded test set, every step reported to the
/// observer. A step whose loss, gradient norm or updated parameters are not finite ends the
/// run; for a ``ReplayableRecurrentNetwork`` (Elman, LSTM, GRU) that step is replayed operation by operation to name the first
/// Inf and NaN (time step, operation, cause). The steps are the ``TrainingLoop``'s (stop rule
/// ``TrainingLoop/StopRule/nonFiniteStep``, update ``RecurrentSGD/rule``); ``RecurrentProblem`` supplies the batches,
/// backpropagation through time, the test loss and the replay.
///
/// ```swift
/// let task = AddingProblem(length: 100)
/// var rng = Xoshiro256StarStar(seed: 0)
/// let net = ElmanNetwork<Float>(...)
/// let run = RecurrentTrainer(network: net, task: task, configuration: .init(steps: 2000, batchSize: 32,
///                                                                          sgd: RecurrentSGD(learningRate: 0.01, clipThreshold: 1)))
///     .run { step in .proceed }
/// ```
public struct RecurrentTrainer<N: RecurrentNetwork>: Sendable {
    public var network: N
    public var task: any SequenceTask
    public var configuration: RecurrentTrainingConfiguration
    /// FP8 training: the inputs of every matrix product cast with a recipe (nil: none). A scaled
    /// run uses one thread (its casts see the whole batch), evaluates the test loss in the
    /// network's own format with the master weights, and replays no step operation by operation
    /// (the casts, counted in ``RecurrentTrainingRun/casts``, are where it overflows).
    public var scaling: RecurrentScaling?

    public init(network: N, task: any SequenceTask, configuration: RecurrentTrainingConfiguration, scaling: RecurrentScaling? = nil) {
        self.network = network
        self.task = task
        self.configuration = configuration
        self.scaling = scaling
    }

    /// The test set: `testSize` sequences from seed + 2.
    public var testSet: SequenceBatch<N.Scalar> {
        var rng = Xoshiro256StarStar(seed: configuration.seed &+ 2)
        return task.batch(size: configuration.testSize, using: &rng).converted()
    }

    /// Runs the configured steps; returns the run and leaves the trained network in `trained`.
    @_specialize(where N == ElmanNetwork<Double>)
    @_specialize(where N == ElmanNetwork<Float>)
    @_specialize(where N == LSTMNetwork<Double>)
    @_specialize(where N == LSTMNetwork<Float>)
    @_specialize(where N == GRUNetwork<Float>)
    public func run(trained: inout N, observer: (RecurrentTrainingStep) -> TrainingControl = { _ in .proceed }) -> RecurrentTrainingRun {
        let problem = RecurrentProblem(task: task, configuration: configuration, network: network, compute: network, isMixedPrecision: false,
                                       scaling: scaling)
        var run = train(problem, scaler: nil, trained: &trained, observer: observer)
        if let cast = problem.cast {
            run.casts = RecurrentCastSummary(recipe: cast.recipe, forwardFormat: cast.forwardFormat, backwardFormat: cast.backwardFormat,
                                             counts: cast.counts, events: cast.events)
        }
        return run
    }

    /// Runs `problem` through the ``TrainingLoop`` (``RecurrentSGD/rule``: Pascanu's clipping, SGD or Adam;
    /// a non-finite step ends the run and is replayed) and reads the run.
    func train<C: RecurrentNetwork>(_ problem: RecurrentProblem<N, C>, scaler: GradScaler?, trained: inout N,
                                    observer: (RecurrentTrainingStep) -> TrainingControl) -> RecurrentTrainingRun {
        let clock = ContinuousClock(), start = clock.now
        var loop = TrainingLoop(problem: problem, steps: configuration.steps, rule: configuration.sgd.rule, gradScaler: scaler, stopRule: .nonFiniteStep)
        let run = loop.run(observer: observer)
        let done = loop.problem
        trained = done.network
        let elapsed = clock.now - start
        return RecurrentTrainingRun(steps: run.records, ending: run.ending == .nonFinite ? .nonFinite : run.ending == .stopped ? .stopped : .completed,
                                    baselineLoss: task.baselineLoss, firstInfinity: done.firstInfinity, firstNaN: done.firstNaN,
                                    initialConditions: Self.conditions(network), finalConditions: Self.conditions(done.network),
                                    seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    static func conditions(_ net: N) -> PascanuConditions? {
        guard let elman = net as? ElmanNetwork<N.Scalar>, elman.parameters.isFinite else { return nil }
        return PascanuConditions(recurrentWeights: elman.cell.recurrentWeights.converted(), activation: elman.cell.activation)
    }
}
