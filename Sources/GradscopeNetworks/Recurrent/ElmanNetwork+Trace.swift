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
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, i = inputSize, o = outputSize
        let w = cell.recurrentWeights, u = cell.inputWeights, v = readoutWeights
        var states = [[T]](repeating: [T](repeating: 0, count: n * h), count: steps + 1)
        var slopes = [[T]](repeating: [T](repeating: 0, count: n * h), count: steps)
        for b in 0..<n { for k in 0..<h { states[0][b * h + k] = initialState[k] } }
        func x(_ t: Int, _ b: Int, _ k: Int) -> T { batch.inputs[((t - 1) * n + b) * i + k] }

        for t in 1...steps {
            if probe.firstNaN != nil { return }
            for b in 0..<n {
                for k in 0..<h {
                    let ps = (0..<h).map { w[k, $0] } + (0..<i).map { u[k, $0] }
                    let qs = (0..<h).map { states[t - 1][b * h + $0] } + (0..<i).map { x(t, b, $0) }
                    let a = R.checkedDot(ps, qs, names: { $0 < h ? ("W[\(k),\($0)]", "h_\(t - 1)[\($0)]") : ("U[\(k),\($0 - h)]", "x_\(t)[\($0 - h)]") },
                                         plus: ("c[\(k)]", cell.bias[k]), result: "a_\(t)[\(k)]", pass: .forward, timeStep: t, sample: b, probe: &probe)
                    let (value, slope) = R.activation(cell.activation, a, argument: "a_\(t)[\(k)]", result: "h_\(t)[\(k)]", timeStep: t, sample: b, probe: &probe)
                    states[t][b * h + k] = value
                    slopes[t - 1][b * h + k] = slope
                }
            }
        }
        let y = R.readout(v, readoutBias, lastStates: states[steps], steps: steps, sequences: n, probe: &probe)
        let seed = R.lossSeed(outputs: y, targets: batch.targets, loss: loss, sequences: n, probe: &probe)
        // Backward: ∂L/∂h_T = ∂L/∂y·V, then through time.
        var dh = [T](repeating: 0, count: n * h)
        for b in 0..<n {
            for k in 0..<h {
                dh[b * h + k] = R.checkedDot((0..<o).map { seed[b * o + $0] }, (0..<o).map { v[$0, k] },
                                             names: { ("∂L/∂y[\($0)]", "V[\($0),\(k)]") }, plus: nil, result: "∂L/∂h_\(steps)[\(k)]",
                                             pass: .backward, timeStep: steps, sample: b, probe: &probe)
            }
        }
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
            for b in 0..<n {
                for k in 0..<h {
                    dh[b * h + k] = R.checkedDot((0..<h).map { da[t - 1][b * h + $0] }, (0..<h).map { w[$0, k] },
                                                 names: { ("∂L/∂a_\(t)[\($0)]", "W[\($0),\(k)]") }, plus: nil, result: "∂L/∂h_\(t - 1)[\(k)]",
                                                 pass: .backward, timeStep: t - 1, sample: b, probe: &probe)
                }
            }
        }
        if probe.firstNaN != nil { return }
        let times = Array(1...steps)
        let dA: (Int, Int, Int) -> T = { t, b, r in da[t - 1][b * h + r] }
        let dAName: (Int, Int) -> String = { t, r in "∂L/∂a_\(t)[\(r)]" }
        let gW = R.gradientSum("W", rows: h, columns: h, times: times, sequences: n, left: dA, leftName: dAName,
                               right: { t, b, c in states[t - 1][b * h + c] }, rightName: { t, c in "h_\(t - 1)[\(c)]" }, probe: &probe)
        let gU = R.gradientSum("U", rows: h, columns: i, times: times, sequences: n, left: dA, leftName: dAName,
                               right: { t, b, c in x(t, b, c) }, rightName: { t, c in "x_\(t)[\(c)]" }, probe: &probe)
        let gc = R.gradientSum("c", rows: h, columns: 1, times: times, sequences: n, left: dA, leftName: dAName,
                               right: nil, rightName: { _, _ in "" }, probe: &probe)
        let (gV, gd) = R.readoutGradients(seed: seed, states: states, steps: steps, outputs: o, hidden: h, sequences: n, probe: &probe)
        if probe.firstNaN != nil { return }
        R.update(parameters, along: ParameterGroups(names: Self.groupNames, values: [gW, gU, gc, gV, gd]), columns: [h, i, nil, h, nil],
                 sgd: sgd, state: optimizerState, probe: &probe)
    }
}
