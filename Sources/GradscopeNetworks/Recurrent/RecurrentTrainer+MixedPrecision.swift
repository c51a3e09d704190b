import GradscopeNumerics
import Foundation

extension RecurrentTrainer {
    /// Mixed-precision training as PyTorch's AMP does it: the master weights and the update stay in
    /// `N.Scalar` (Float32); every step the weights are rounded to `compute`'s format (Float16 or
    /// BFloat16), the forward and backward passes run there (every product and sum rounded to it),
    /// the loss and its seed ∂L/∂y are computed in Float32 (autocast's float32 list), and the
    /// gradients are widened to Float32 and divided by the loss scale S.
    ///
    /// With a `scaler` (``GradScaler``, PyTorch's `GradScaler` semantics) the backward pass starts
    /// from S·∂L/∂y; a step whose unscaled gradients are not finite is skipped (no update) and S
    /// halved, and after `growthInterval` clean steps S doubles. A step whose loss itself is not
    /// finite ends the run (no scale can rescue a forward pass), and so does a master weight
    /// that becomes non-finite; that step is replayed in the compute format, without the scale.
    ///
    /// - Parameter compute: a network of the same kind in the compute format (its weights are replaced every step).
    public func run<C: RecurrentNetwork>(computingIn compute: C, scaler initialScaler: GradScaler?, trained: inout N,
                                         observer: (RecurrentTrainingStep) -> TrainingControl = { _ in .proceed }) -> RecurrentTrainingRun {
        let clock = ContinuousClock(), start = clock.now
        var net = network, computeNet = compute, scaler = initialScaler
        var rng = Xoshiro256StarStar(seed: configuration.seed &+ 1)
        var testRNG = Xoshiro256StarStar(seed: configuration.seed &+ 2)
        let test: SequenceBatch<C.Scalar> = task.batch(size: configuration.testSize, using: &testRNG).converted()
        let testWorkspace = RecurrentWorkspace<C.Scalar>()
        let workspaces = (0..<configuration.threads).map { _ in RecurrentWorkspace<C.Scalar>() }
        let optimizerState = RecurrentOptimizerState<N.Scalar>()
        var steps: [RecurrentTrainingStep] = []
        var ending = RecurrentTrainingRun.Ending.completed
        var firstInfinity: RecurrentAnomaly?, firstNaN: RecurrentAnomaly?
        let initialConditions = Self.conditions(net)
        for step in 1...configuration.steps {
            let batch: SequenceBatch<C.Scalar> = task.batch(size: configuration.batchSize, using: &rng).converted()
            computeNet.parameters = net.parameters.converted(to: C.Scalar.self)
            let before = computeNet
            let scale = scaler?.scale ?? 1
            for w in workspaces { w.lossScale = scale }
            let raw = RecurrentSGD.lossAndGradients(computeNet, on: RecurrentSGD.split(batch, into: configuration.threads), workspaces: workspaces)
            let inverse = N.Scalar(Float(1 / scale))
            let result = RecurrentGradients<N.Scalar>(loss: N.Scalar(raw.loss), gradients: raw.gradients.converted(to: N.Scalar.self).map { $0 * inverse },
                                                      stateGradientNorms: raw.stateGradientNorms.map { $0 / scale }, outputs: raw.outputs.map { N.Scalar($0) })
            let lossFinite = result.loss.isFinite
            let skip = scaler != nil && lossFinite && !result.gradients.isFinite
            var norm = N.Scalar(RecurrentSGD.norm(result.gradients)), clipped = false
            if !skip && lossFinite {
                let report = configuration.sgd.apply(result, to: &net, state: optimizerState)
                norm = report.gradientNorm
                clipped = report.clipped
            }
            scaler?.update(foundNonFinite: skip)
            let finite = lossFinite && (skip || (norm.isFinite && net.parameters.isFinite))
            var testLoss: Double?, testAccuracy: Double?
            if finite, step % configuration.evaluationInterval == 0 || step == configuration.steps {
                computeNet.parameters = net.parameters.converted(to: C.Scalar.self)
                let outputs = computeNet.outputs(for: test, workspace: testWorkspace)
                testLoss = Double(computeNet.loss.value(outputs: outputs, targets: test.targets, batchSize: test.batchSize))
                if computeNet.loss == .softmaxCrossEntropy {
                    testAccuracy = RecurrentLoss.accuracy(outputs: outputs, oneHotTargets: test.targets, batchSize: test.batchSize)
                }
            }
            let record = RecurrentTrainingStep(step: step, loss: Double(result.loss), gradientNorm: Double(norm), clipped: clipped,
                                               stateGradientNorms: result.stateGradientNorms, testLoss: testLoss, testAccuracy: testAccuracy,
                                               lossScale: initialScaler == nil ? nil : scale, skipped: initialScaler == nil ? nil : skip)
            steps.append(record)
            let control = observer(record)
            if !finite {
                ending = .nonFinite
                if let replayable = before as? any ReplayableRecurrentNetwork<C.Scalar> {
                    // The 16-bit copy's replay starts from fresh Adam moments (the moments live with the master weights).
                    (firstInfinity, firstNaN) = replayable.firstAnomalies(ofStep: step, on: batch, sgd: configuration.sgd,
                                                                          optimizerState: nil, stateGradientNorms: record.stateGradientNorms)
                }
                break
            }
            if control == .stop { ending = .stopped; break }
        }
        trained = net
        let elapsed = clock.now - start
        return RecurrentTrainingRun(steps: steps, ending: ending, baselineLoss: task.baselineLoss, firstInfinity: firstInfinity, firstNaN: firstNaN,
                                    initialConditions: initialConditions, finalConditions: Self.conditions(net),
                                    seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}
