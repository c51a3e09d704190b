import GradscopeNumerics

/// A recurrent network whose training step can be replayed one scalar operation at a time to
/// name the first Inf and NaN (``ElmanNetwork``, ``LSTMNetwork``, ``GRUNetwork``).
/// ``RecurrentTrainer`` calls the replay only for the step where its fast path saw a non-finite value.
public protocol ReplayableRecurrentNetwork<Scalar>: RecurrentNetwork {
    /// Replays one optimizer step on `batch` (forward, loss, backward through time, the gradient
    /// sums of every parameter group and the update of every parameter), each result checked by
    /// `probe`; the probe's `layer` is the time step t (nil for the loss and the update).
    /// - Parameter optimizerState: Adam's moments before the step (nil: SGD, or Adam's first step).
    func traceStep(on batch: SequenceBatch<Scalar>, sgd: RecurrentSGD, optimizerState: RecurrentOptimizerState<Scalar>?,
                   probe: inout OperationProbe)
}

extension ReplayableRecurrentNetwork {
    /// Replays one step with plain SGD's or a fresh Adam's update.
    public func traceStep(on batch: SequenceBatch<Scalar>, sgd: RecurrentSGD, probe: inout OperationProbe) {
        traceStep(on: batch, sgd: sgd, optimizerState: nil, probe: &probe)
    }
}

extension ReplayableRecurrentNetwork {
    /// The first Inf and the first NaN of training step `step`, found by replaying it with ``traceStep(on:sgd:optimizerState:probe:)``;
    /// each carries the step's ‖∂L/∂h_t‖ (`stateGradientNorms`) for the report. Both nil when the replay stays finite.
    func firstAnomalies(ofStep step: Int, on batch: SequenceBatch<Scalar>, sgd: RecurrentSGD,
                        optimizerState: RecurrentOptimizerState<Scalar>?, stateGradientNorms: [Double])
        -> (infinity: RecurrentAnomaly?, nan: RecurrentAnomaly?) {
        var probe = OperationProbe(precision: Scalar.precision)
        probe.step = step
        traceStep(on: batch, sgd: sgd, optimizerState: optimizerState, probe: &probe)
        return (probe.firstInfinity.map { RecurrentAnomaly(anomaly: $0, stateGradientNorms: stateGradientNorms) },
                probe.firstNaN.map { RecurrentAnomaly(anomaly: $0, stateGradientNorms: stateGradientNorms) })
    }
}
