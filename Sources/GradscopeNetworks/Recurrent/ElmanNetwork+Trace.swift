import GradscopeNumerics
extension ElmanNetwork: ReplayableRecurrentNetwork {
    /// Replays one optimizer step on `batch` one scalar operation at a time, every result checked by
    /// `probe`, to name the first operation that produced an Inf or a NaN: its pass, time step
    /// (the site's `layer`), sequence, operands and cause. Slow (no BLAS); the trainer calls it
    /// only for the step where its fast path saw a non-finite number.
    ///
    /// Order of operations as in BPTT: forward (a_t = W·h_{t−1} + U·x_t + c, h_t = φ(a_t)), the
    /// readout and the loss, backward (∂L/∂a_t, ∂L/∂h_{t−1}), the gradient sums of W, U, c, V, d
    /// over time and batch, the update of every parameter.
    public func traceStep(on batch: SequenceBatch<T>, sgd: RecurrentSGD, optimizerState: RecurrentOptimizerState<T>?,
                          probe: inout OperationProbe) {
        typealias R = RecurrentReplay<T>
        let steps = batch.length, n = batch.batchSize, h = hiddenSize
        let w = recurrentWeights, u = inputWeights, c = recurrentParameters[bias: 0]
        var states = [[T]](repeating: [T](repeating: 0, count: n * h), count: steps + 1)
        var slopes = [[T]](repeating: [T](repeating: 0, count: n * h), count: steps)
        for b in 0..<n { for k in 0..<h { states[0][b * h + k] = initialState[k] } }

        for t in 1...steps {
            if probe.firstNaN != nil { return }
            for b in 0..<n {
                R.activatedRows(recurrentParameters, w, u, c, rows: h, step: t, sequence: b, previous: states[t - 1], batch: batch,
                                phi: { _ in activation }, argument: { "a_\(t)[\($0)]" }, result: { "h_\(t)[\($0)]" },
                                values: &states[t], slopes: &slopes[t - 1], at: b * h, probe: &probe)
            }
        }
        let y = R.readout(readoutWeights, readoutBias, lastStates: states[steps], steps: steps, sequences: n, probe: &probe)
        let seed = R.lossSeed(outputs: y, targets: batch.targets, loss: loss, sequences: n, probe: &probe)
        // Backward: ∂L/∂h_T = ∂L/∂y·V, then through time.
        var dh = R.readoutStateGradient(seed: seed, readout: readoutWeights, steps: steps, sequences: n, probe: &probe)
        var da = [[T]](repeating: [T](repeating: 0, count: n * h), count: steps)
        for t in stride(from: steps, to: 0, by: -1) {
            if probe.firstNaN != nil { return }
            for b in 0..<n {
                for k in 0..<h {
                    da[t - 1][b * h + k] = R.multiply(dh[b * h + k], slopes[t - 1][b * h + k], names: ("∂L/∂h_\(t)[\(k)]", "φ'(a_\(t)[\(k)])"),
                                                      label: "∂L/∂a_\(t)[\(k)] = ∂L/∂h_\(t)[\(k)]·φ'(a_\(t)[\(k)])", pass: .backward,
                                                      timeStep: t, sample: b, probe: &probe)
                }
            }
            dh = R.stateGradient(da[t - 1], name: { "∂L/∂a_\(t)[\($0)]" }, through: w, named: "W", step: t, sequences: n, probe: &probe)
        }
        R.finishStep(recurrentParameters, batch: batch, states: states, seed: seed, gradient: { t, b, r in da[t - 1][b * h + r] },
                     name: { t, r in "∂L/∂a_\(t)[\(r)]" }, sgd: sgd, state: optimizerState, probe: &probe)
    }
}
