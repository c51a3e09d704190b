import GradscopeNumerics
extension LSTMNetwork: ReplayableRecurrentNetwork {
    /// Replays one optimizer step on `batch` one scalar operation at a time, every result checked by
    /// `probe`, to name the first Inf and NaN: pass, time step (the site's `layer`), sequence,
    /// operands and cause. Slow (no BLAS); the trainer calls it only for the step where its fast
    /// path saw a non-finite number.
    ///
    /// Order as in ``LSTMNetwork``'s BPTT: forward (z_t[k] = Wh[k,·]·h_{t−1} + Wx[k,·]·x_t + b[k] for
    /// the rows i, f, o, g; the gates; c_t = f·c_{t−1} + i·g; h_t = o·tanh(c_t)), readout and loss,
    /// backward (∂c_t, ∂z_t, ∂h_{t−1} = ∂z_t·Wh, ∂c_{t−1} = ∂c_t·f), the gradient sums of Wh, Wx,
    /// b, V, d, and the update of every parameter.
    public func traceStep(on batch: SequenceBatch<T>, sgd: RecurrentSGD, optimizerState: RecurrentOptimizerState<T>?,
                          probe: inout OperationProbe) {
        typealias R = RecurrentReplay<T>
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, g4 = 4 * h
        let wh = recurrentWeights, wx = inputWeights, b0 = bias
        let gateNames = ["i", "f", "o", "g"]
        func row(_ r: Int) -> String { "\(gateNames[r / h])\(r % h)" }   // "f0": the forget gate of unit 0
        let empty = [T](repeating: 0, count: n * h), emptyGates = [T](repeating: 0, count: n * g4)
        var states = [[T]](repeating: empty, count: steps + 1), cells = states
        var gates = [[T]](repeating: emptyGates, count: steps), slopes = gates
        var tanhCells = [[T]](repeating: empty, count: steps), tanhSlopes = tanhCells

        for t in 1...steps {
            if probe.firstNaN != nil { return }
            for b in 0..<n {
                R.activatedRows(recurrentParameters, wh, wx, b0, rows: g4, step: t, sequence: b, previous: states[t - 1], batch: batch,
                                phi: { $0 < 3 * h ? .sigmoid : .tanh }, argument: { "z_\(t)[\(row($0))]" }, result: { "\(row($0))_\(t)" },
                                values: &gates[t - 1], slopes: &slopes[t - 1], at: b * g4, probe: &probe)
                for k in 0..<h {
                    let gate = gates[t - 1], e = b * h + k, base = b * g4
                    let kept = R.multiply(gate[base + h + k], cells[t - 1][e], names: ("f\(k)_\(t)", "c_\(t - 1)[\(k)]"),
                                          label: "f\(k)_\(t)·c_\(t - 1)[\(k)]", pass: .forward, timeStep: t, sample: b, probe: &probe)
                    let written = R.multiply(gate[base + k], gate[base + 3 * h + k], names: ("i\(k)_\(t)", "g\(k)_\(t)"),
                                             label: "i\(k)_\(t)·g\(k)_\(t)", pass: .forward, timeStep: t, sample: b, probe: &probe)
                    let c = R.add(kept, written, names: ("f·c_\(t - 1)[\(k)]", "i·g[\(k)]"), label: "c_\(t)[\(k)] = f·c_\(t - 1)[\(k)] + i·g[\(k)]",
                                  pass: .forward, timeStep: t, sample: b, probe: &probe)
                    cells[t][e] = c
                    let (squashed, slope) = R.activation(.tanh, c, argument: "c_\(t)[\(k)]", result: "tanh(c_\(t)[\(k)])", timeStep: t, sample: b, probe: &probe)
                    tanhCells[t - 1][e] = squashed
                    tanhSlopes[t - 1][e] = slope
                    states[t][e] = R.multiply(gate[base + 2 * h + k], squashed, names: ("o\(k)_\(t)", "tanh(c_\(t)[\(k)])"),
                                              label: "h_\(t)[\(k)] = o\(k)_\(t)·tanh(c_\(t)[\(k)])", pass: .forward, timeStep: t, sample: b, probe: &probe)
                }
            }
        }
        let y = R.readout(readoutWeights, readoutBias, lastStates: states[steps], steps: steps, sequences: n, probe: &probe)
        let seed = R.lossSeed(outputs: y, targets: batch.targets, loss: loss, sequences: n, probe: &probe)
        var dh = R.readoutStateGradient(seed: seed, readout: readoutWeights, steps: steps, sequences: n, probe: &probe), dc = empty
        var dz = [[T]](repeating: emptyGates, count: steps)
        for t in stride(from: steps, to: 0, by: -1) {
            if probe.firstNaN != nil { return }
            func product(_ a: T, _ b: T, _ names: (String, String), _ label: String, _ sample: Int) -> T {
                R.multiply(a, b, names: names, label: label, pass: .backward, timeStep: t, sample: sample, probe: &probe)
            }
            for b in 0..<n {
                let gate = gates[t - 1], slope = slopes[t - 1], base = b * g4
                for k in 0..<h {
                    let e = b * h + k
                    let dhe = dh[e]
                    let dOut = product(dhe, tanhCells[t - 1][e], ("∂L/∂h_\(t)[\(k)]", "tanh(c_\(t)[\(k)])"), "∂L/∂o\(k)_\(t) = ∂L/∂h_\(t)[\(k)]·tanh(c_\(t)[\(k)])", b)
                    let viaGate = product(dhe, gate[base + 2 * h + k], ("∂L/∂h_\(t)[\(k)]", "o\(k)_\(t)"), "∂L/∂h_\(t)[\(k)]·o\(k)_\(t)", b)
                    let viaState = product(viaGate, tanhSlopes[t - 1][e], ("∂L/∂h·o", "tanh'(c_\(t)[\(k)])"), "∂L/∂h_\(t)[\(k)]·o\(k)_\(t)·tanh'(c_\(t)[\(k)])", b)
                    let dce = R.add(dc[e], viaState, names: ("∂L/∂c_\(t)[\(k)] from t+1", "∂L/∂h·o·tanh'(c)"), label: "∂L/∂c_\(t)[\(k)]",
                                    pass: .backward, timeStep: t, sample: b, probe: &probe)
                    let di = product(dce, gate[base + 3 * h + k], ("∂L/∂c_\(t)[\(k)]", "g\(k)_\(t)"), "∂L/∂i\(k)_\(t) = ∂L/∂c_\(t)[\(k)]·g\(k)_\(t)", b)
                    let df = product(dce, cells[t - 1][e], ("∂L/∂c_\(t)[\(k)]", "c_\(t - 1)[\(k)]"), "∂L/∂f\(k)_\(t) = ∂L/∂c_\(t)[\(k)]·c_\(t - 1)[\(k)]", b)
                    let dg = product(dce, gate[base + k], ("∂L/∂c_\(t)[\(k)]", "i\(k)_\(t)"), "∂L/∂g\(k)_\(t) = ∂L/∂c_\(t)[\(k)]·i\(k)_\(t)", b)
                    let gateGradients = [di, df, dOut, dg]
                    for (q, d) in gateGradients.enumerated() {
                        let r = q * h + k
                        let derivative = q < 3 ? "σ'" : "tanh'"
                        dz[t - 1][base + r] = product(d, slope[base + r], ("∂L/∂\(row(r))_\(t)", "\(derivative)(z_\(t)[\(row(r))])"),
                                                      "∂L/∂z_\(t)[\(row(r))] = ∂L/∂\(row(r))_\(t)·\(derivative)(z_\(t)[\(row(r))])", b)
                    }
                    dc[e] = product(dce, gate[base + h + k], ("∂L/∂c_\(t)[\(k)]", "f\(k)_\(t)"), "∂L/∂c_\(t - 1)[\(k)] = ∂L/∂c_\(t)[\(k)]·f\(k)_\(t)", b)
                }
            }
            dh = R.stateGradient(dz[t - 1], name: { "∂L/∂z_\(t)[\(row($0))]" }, through: wh, named: "Wh", step: t, sequences: n, probe: &probe)
        }
        R.finishStep(recurrentParameters, batch: batch, states: states, seed: seed, gradient: { t, b, r in dz[t - 1][b * g4 + r] },
                     name: { t, r in "∂L/∂z_\(t)[\(row(r))]" }, sgd: sgd, state: optimizerState, probe: &probe)
    }
}
