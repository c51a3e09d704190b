import GradscopeNumerics

/// Recurrent training as ``RecurrentTrainer`` hands it to the ``TrainingLoop``: a fresh seeded batch
/// every step, backpropagation through time over the batch's parts (one workspace each), the test
/// loss every `evaluationInterval` steps, and the replay that names a bad step's first Inf and NaN.
///
/// The master weights live in `network` (`N`); the passes run in `compute` (`C`). A plain run has
/// C = N and computes on the network itself; a mixed-precision run rounds the master weights to
/// `C` before each pass and before each test evaluation.
struct RecurrentProblem<N: RecurrentNetwork, C: RecurrentNetwork>: TrainingProblem {
    let task: any SequenceTask
    let configuration: RecurrentTrainingConfiguration
    var network: N
    var compute: C
    /// Mixed precision: a step whose loss is not finite leaves the master weights as they were.
    let isMixedPrecision: Bool
    /// FP8 training (plain runs only): the spike and the product casts.
    let scaling: RecurrentScaling?
    let cast: RecurrentProductCast<C.Scalar>?
    var rng: Xoshiro256StarStar
    let test: SequenceBatch<C.Scalar>
    let testWorkspace = RecurrentWorkspace<C.Scalar>()
    let workspaces: [RecurrentWorkspace<C.Scalar>]
    /// The pass's network before this step's update, and its state-gradient norms (unscaled).
    var before: C
    var stateGradientNorms: [Double] = []
    var firstInfinity: RecurrentAnomaly?
    var firstNaN: RecurrentAnomaly?

    init(task: any SequenceTask, configuration: RecurrentTrainingConfiguration, network: N, compute: C, isMixedPrecision: Bool,
         scaling: RecurrentScaling?) {
        self.task = task
        self.configuration = configuration
        self.network = network
        self.compute = compute
        self.isMixedPrecision = isMixedPrecision
        self.scaling = scaling
        cast = scaling?.makeCast(C.Scalar.self)
        rng = Xoshiro256StarStar(seed: configuration.seed &+ 1)
        var testRNG = Xoshiro256StarStar(seed: configuration.seed &+ 2)
        test = task.batch(size: configuration.testSize, using: &testRNG).converted()
        workspaces = (0..<(scaling == nil ? configuration.threads : 1)).map { _ in RecurrentWorkspace<C.Scalar>() }
        workspaces[0].productCast = cast
        before = compute
    }

    var keepsParametersAfterNonFiniteLoss: Bool { isMixedPrecision }

    /// The master weights in the passes' network (rounded to `C` in a mixed-precision run).
    private mutating func refreshCompute() {
        if isMixedPrecision {
            compute.parameters = network.parameters.converted(to: C.Scalar.self)
        } else {
            compute = network as! C
        }
    }

    mutating func inputs(forStep step: Int) -> SequenceBatch<C.Scalar> {
        var batch: SequenceBatch<C.Scalar> = task.batch(size: configuration.batchSize, using: &rng).converted()
        if let scaling { batch = scaling.spiked(batch, step: step) }
        return batch
    }

    mutating func lossAndGradients(on batch: SequenceBatch<C.Scalar>, step: Int, lossScale: Double?) -> (loss: Double, gradients: ParameterGroups<N.Scalar>) {
        cast?.beginStep(step)
        refreshCompute()
        before = compute
        if isMixedPrecision { for w in workspaces { w.lossScale = lossScale ?? 1 } }
        let result = RecurrentSGD.lossAndGradients(compute, on: RecurrentSGD.split(batch, into: workspaces.count), workspaces: workspaces)
        cast?.finishStep()
        stateGradientNorms = isMixedPrecision ? result.stateGradientNorms.map { $0 / (lossScale ?? 1) } : result.stateGradientNorms
        let gradients = isMixedPrecision ? result.gradients.converted(to: N.Scalar.self) : result.gradients as! ParameterGroups<N.Scalar>
        return (Double(N.Scalar(result.loss)), gradients)
    }

    mutating func update(along direction: ParameterGroups<N.Scalar>, scale: N.Scalar) {
        network.update(along: direction, scale: scale)
    }

    var parametersAreFinite: Bool { network.parameters.isFinite }

    /// The step's record; the test loss (and accuracy) on finite steps every `evaluationInterval` steps and at the last.
    mutating func record(of outcome: StepOutcome<N.Scalar>, inputs: SequenceBatch<C.Scalar>) -> RecurrentTrainingStep {
        var testLoss: Double?, testAccuracy: Double?
        if outcome.isFinite, outcome.step % configuration.evaluationInterval == 0 || outcome.isLastStep {
            refreshCompute()
            let outputs = compute.outputs(for: test, workspace: testWorkspace)
            testLoss = Double(compute.loss.value(outputs: outputs, targets: test.targets, batchSize: test.batchSize))
            if compute.loss == .softmaxCrossEntropy {
                testAccuracy = RecurrentLoss.accuracy(outputs: outputs, oneHotTargets: test.targets, batchSize: test.batchSize)
            }
        }
        let scaled = isMixedPrecision && outcome.lossScale != nil
        return RecurrentTrainingStep(step: outcome.step, loss: outcome.loss, gradientNorm: Double(outcome.gradientNorm), clipped: outcome.clipped,
                                     stateGradientNorms: stateGradientNorms, testLoss: testLoss, testAccuracy: testAccuracy,
                                     lossScale: scaled ? outcome.lossScale : nil, skipped: scaled ? outcome.skipped : nil, castScales: cast?.scales)
    }

    /// Replays the bad step operation by operation (Elman, LSTM, GRU; not under FP8 casts, which are where it overflows).
    /// A mixed-precision replay runs in the compute format from fresh Adam moments (the moments live with the master weights).
    mutating func replay(_ outcome: StepOutcome<N.Scalar>, inputs batch: SequenceBatch<C.Scalar>, record: RecurrentTrainingStep,
                         optimizerState: OptimizerState<N.Scalar>?) {
        guard cast == nil, let replayable = before as? any ReplayableRecurrentNetwork<C.Scalar> else { return }
        let state = isMixedPrecision ? nil : optimizerState as? OptimizerState<C.Scalar>
        (firstInfinity, firstNaN) = replayable.firstAnomalies(ofStep: outcome.step, on: batch, sgd: configuration.sgd,
                                                              optimizerState: state, stateGradientNorms: record.stateGradientNorms)
    }
}
