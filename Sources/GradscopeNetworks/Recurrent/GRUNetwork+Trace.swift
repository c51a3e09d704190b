import GradscopeNumerics
extension GRUNetwork: ReplayableRecurrentNetwork {
    /// Replays one optimizer step on `batch` one scalar operation at a time, every result checked by
    /// `probe`, to name the first Inf and NaN: pass, time step (the site's `layer`), sequence,
    /// operands and cause. Slow (no BLAS); the trainer calls it only for the step where its fast
    /// path saw a non-finite number.
    ///
    /// Order as in ``GRUNetwork``'s BPTT: forward (a_t = Wx·x_t + bx, c_t = Wh·h_{t−1} + bh for the
    /// rows r, z, n; r = σ(a_r + c_r), z = σ(a_z + c_z), n = tanh(a_n + r·c_n), h_t = (1 − z)·n + z·h_{t−1}),
    /// readout and loss, backward (∂a_t, ∂c_t, ∂h_{t−1} = ∂h_t·z + ∂c_t·Wh), the gradient sums of
    /// Wh, Wx, bx, bh, V, d, and the update of every parameter.
    public func traceStep(on batch: SequenceBatch<T>, sgd: RecurrentSGD, optimizerState: RecurrentOptimizerState<T>?,
                          probe: inout OperationProbe) {
        typealias R = RecurrentReplay<T>
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, i = inputSize, g3 = 3 * h
        let wh = recurrentWeights, wx = inputWeights, inputBias = inputBias, recurrentBias = recurrentBias
        let gateNames = ["r", "z", "n"]
        func row(_ q: Int) -> String { "\(gateNames[q / h])\(q % h)" }   // "z0": the update gate of unit 0
        func x(_ t: Int, _ b: Int, _ k: Int) -> T { R.input(batch, t, b, k) }
        let empty = [T](repeating: 0, count: n * h), emptyGates = [T](repeating: 0, count: n * g3)
        var states = [[T]](repeating: empty, count: steps + 1)
        var inputParts = [[T]](repeating: emptyGates, count: steps), recurrentParts = inputParts, gates = inputParts, slopes = inputParts

        for t in 1...steps {
            if probe.firstNaN != nil { return }
            for b in 0..<n {
                let base = b * g3
                for q in 0..<g3 {
                    inputParts[t - 1][base + q] = R.checkedDot((0..<i).map { wx[q, $0] }, (0..<i).map { x(t, b, $0) },
                                                               names: { ("Wx[\(q),\($0)]", "x_\(t)[\($0)]") }, plus: ("bx[\(q)]", inputBias[q]),
                                                               result: "a_\(t)[\(row(q))]", pass: .forward, timeStep: t, sample: b, probe: &probe)
                    recurrentParts[t - 1][base + q] = R.checkedDot((0..<h).map { wh[q, $0] }, (0..<h).map { states[t - 1][b * h + $0] },
                                                                   names: { ("Wh[\(q),\($0)]", "h_\(t - 1)[\($0)]") }, plus: ("bh[\(q)]", recurrentBias[q]),
                                                                   result: "c_\(t)[\(row(q))]", pass: .forward, timeStep: t, sample: b, probe: &probe)
                }
                let a = inputParts[t - 1], c = recurrentParts[t - 1]
                for q in 0..<2 * h {
                    let sum = R.add(a[base + q], c[base + q], names: ("a_\(t)[\(row(q))]", "c_\(t)[\(row(q))]"), label: "a_\(t)[\(row(q))] + c_\(t)[\(row(q))]",
                                    pass: .forward, timeStep: t, sample: b, probe: &probe)
                    let (value, slope) = R.activation(.sigmoid, sum, argument: "a_\(t)[\(row(q))] + c_\(t)[\(row(q))]", result: "\(row(q))_\(t)",
                                                      timeStep: t, sample: b, probe: &probe)
                    gates[t - 1][base + q] = value
                    slopes[t - 1][base + q] = slope
                }
                for k in 0..<h {
                    let q = 2 * h + k, e = b * h + k
                    let reset = R.multiply(gates[t - 1][base + k], c[base + q], names: ("r\(k)_\(t)", "c_\(t)[n\(k)]"), label: "r\(k)_\(t)·c_\(t)[n\(k)]",
                                           pass: .forward, timeStep: t, sample: b, probe: &probe)
                    let sum = R.add(a[base + q], reset, names: ("a_\(t)[n\(k)]", "r·c_\(t)[n\(k)]"), label: "a_\(t)[n\(k)] + r\(k)_\(t)·c_\(t)[n\(k)]",
                                    pass: .forward, timeStep: t, sample: b, probe: &probe)
                    let (candidate, slope) = R.activation(.tanh, sum, argument: "a_\(t)[n\(k)] + r·c_\(t)[n\(k)]", result: "n\(k)_\(t)",
                                                          timeStep: t, sample: b, probe: &probe)
                    gates[t - 1][base + q] = candidate
                    slopes[t - 1][base + q] = slope
                    let z = gates[t - 1][base + h + k]
                    let fresh = R.multiply(1 - z, candidate, names: ("1 − z\(k)_\(t)", "n\(k)_\(t)"), label: "(1 − z\(k)_\(t))·n\(k)_\(t)",
                                           pass: .forward, timeStep: t, sample: b, probe: &probe)
                    let kept = R.multiply(z, states[t - 1][e], names: ("z\(k)_\(t)", "h_\(t - 1)[\(k)]"), label: "z\(k)_\(t)·h_\(t - 1)[\(k)]",
                                          pass: .forward, timeStep: t, sample: b, probe: &probe)
                    states[t][e] = R.add(fresh, kept, names: ("(1 − z)·n", "z·h_\(t - 1)[\(k)]"), label: "h_\(t)[\(k)] = (1 − z)·n + z·h_\(t - 1)[\(k)]",
                                         pass: .forward, timeStep: t, sample: b, probe: &probe)
                }
            }
        }
        let y = R.readout(readoutWeights, readoutBias, lastStates: states[steps], steps: steps, sequences: n, probe: &probe)
        let seed = R.lossSeed(outputs: y, targets: batch.targets, loss: loss, sequences: n, probe: &probe)
        var dh = R.readoutStateGradient(seed: seed, readout: readoutWeights, steps: steps, sequences: n, probe: &probe)
        var dA = [[T]](repeating: emptyGates, count: steps), dC = dA
        for t in stride(from: steps, to: 0, by: -1) {
            if probe.firstNaN != nil { return }
            func product(_ a: T, _ b: T, _ names: (String, String), _ label: String, _ sample: Int) -> T {
                R.multiply(a, b, names: names, label: label, pass: .backward, timeStep: t, sample: sample, probe: &probe)
            }
            var carried = empty
            for b in 0..<n {
                let g = gates[t - 1], s = slopes[t - 1], base = b * g3
                for k in 0..<h {
                    let e = b * h + k, dhe = dh[e]
                    let r = g[base + k], z = g[base + h + k], candidate = g[base + 2 * h + k], cn = recurrentParts[t - 1][base + 2 * h + k]
                    let dn = product(dhe, 1 - z, ("∂L/∂h_\(t)[\(k)]", "1 − z\(k)_\(t)"), "∂L/∂n\(k)_\(t) = ∂L/∂h_\(t)[\(k)]·(1 − z\(k)_\(t))", b)
                    let dAn = product(dn, s[base + 2 * h + k], ("∂L/∂n\(k)_\(t)", "tanh'(·)"), "∂L/∂a_\(t)[n\(k)] = ∂L/∂n\(k)_\(t)·tanh'(·)", b)
                    let dr = product(dAn, cn, ("∂L/∂a_\(t)[n\(k)]", "c_\(t)[n\(k)]"), "∂L/∂r\(k)_\(t) = ∂L/∂a_\(t)[n\(k)]·c_\(t)[n\(k)]", b)
                    let dAr = product(dr, s[base + k], ("∂L/∂r\(k)_\(t)", "σ'(·)"), "∂L/∂a_\(t)[r\(k)] = ∂L/∂r\(k)_\(t)·σ'(·)", b)
                    let gap = R.add(states[t - 1][e], candidate, names: ("h_\(t - 1)[\(k)]", "n\(k)_\(t)"), label: "h_\(t - 1)[\(k)] − n\(k)_\(t)",
                                    subtract: true, pass: .backward, timeStep: t, sample: b, probe: &probe)
                    let dz = product(dhe, gap, ("∂L/∂h_\(t)[\(k)]", "h_\(t - 1)[\(k)] − n\(k)_\(t)"), "∂L/∂z\(k)_\(t) = ∂L/∂h_\(t)[\(k)]·(h_\(t - 1)[\(k)] − n\(k)_\(t))", b)
                    let dAz = product(dz, s[base + h + k], ("∂L/∂z\(k)_\(t)", "σ'(·)"), "∂L/∂a_\(t)[z\(k)] = ∂L/∂z\(k)_\(t)·σ'(·)", b)
                    dA[t - 1][base + k] = dAr; dA[t - 1][base + h + k] = dAz; dA[t - 1][base + 2 * h + k] = dAn
                    dC[t - 1][base + k] = dAr; dC[t - 1][base + h + k] = dAz
                    dC[t - 1][base + 2 * h + k] = product(dAn, r, ("∂L/∂a_\(t)[n\(k)]", "r\(k)_\(t)"), "∂L/∂c_\(t)[n\(k)] = ∂L/∂a_\(t)[n\(k)]·r\(k)_\(t)", b)
                    carried[e] = product(dhe, z, ("∂L/∂h_\(t)[\(k)]", "z\(k)_\(t)"), "∂L/∂h_\(t)[\(k)]·z\(k)_\(t)", b)
                }
            }
            dh = R.stateGradient(dC[t - 1], name: { "∂L/∂c_\(t)[\(row($0))]" }, through: wh, named: "Wh", step: t, sequences: n,
                                 carried: carried, carriedName: { "∂L/∂h_\(t)[\($0)]·z\($0)_\(t)" }, probe: &probe)
        }
        R.finishStep(recurrentParameters, batch: batch, states: states, seed: seed,
                     recurrent: { t, b, q in dC[t - 1][b * g3 + q] }, recurrentName: { t, q in "∂L/∂c_\(t)[\(row(q))]" },
                     input: { t, b, q in dA[t - 1][b * g3 + q] }, inputName: { t, q in "∂L/∂a_\(t)[\(row(q))]" },
                     sgd: sgd, state: optimizerState, probe: &probe)
    }
}
