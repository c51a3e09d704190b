import GradscopeNumerics
/// The parts of the operation-by-operation replays that every recurrent network runs the same way
/// on its ``RecurrentParameters``: the input x_t, the readout's backward step
/// `∂L/∂h_T = ∂L/∂y·V`, and the end of the step (the gradient sums of every group, the update).
extension RecurrentReplay {
    /// x_t[k] of sequence `b` (t = 1…T).
    static func input(_ batch: SequenceBatch<T>, _ t: Int, _ b: Int, _ k: Int) -> T {
        batch.inputs[((t - 1) * batch.batchSize + b) * batch.inputSize + k]
    }

    /// `W[r,·]·h_{t−1} + U[r,·]·x_t + b₀[r]` of sequence `b`, summed left to right and checked
    /// (Elman's a_t[r], the LSTM's z_t[r]); `w`, `u`, `bias` are the parameters' first three groups,
    /// `previous` the states h_{t−1} (batch × H), `result` the sum's name.
    static func preactivation(_ parameters: RecurrentParameters<T>, _ w: Matrix<T>, _ u: Matrix<T>, _ bias: [T], row r: Int, step t: Int,
                              sequence b: Int, previous: [T], batch: SequenceBatch<T>, result: @autoclosure () -> String,
                              probe: inout OperationProbe) -> T {
        let h = w.columns, i = u.columns, names = parameters.names
        let ps = (0..<h).map { w[r, $0] } + (0..<i).map { u[r, $0] }
        let qs = (0..<h).map { previous[b * h + $0] } + (0..<i).map { input(batch, t, b, $0) }
        return checkedDot(ps, qs, names: { $0 < h ? ("\(names[0])[\(r),\($0)]", "h_\(t - 1)[\($0)]") : ("\(names[1])[\(r),\($0 - h)]", "x_\(t)[\($0 - h)]") },
                          plus: ("\(names[2])[\(r)]", bias[r]), result: result(), pass: .forward, timeStep: t, sample: b, probe: &probe)
    }

    /// The rows `0..<rows` of sequence `b` at step t, forward: z[r] = ``preactivation(_:_:_:_:row:step:sequence:previous:batch:result:probe:)``
    /// named `argument(r)`, then φ_r(z[r]) named `result(r)`, each checked, row after row; the values
    /// go to `values[offset + r]`, the slopes φ_r'(z[r]) to `slopes[offset + r]`. Elman's a_t → h_t
    /// (one φ), the LSTM's z_t → i, f, o, g (σ for the first 3H rows, tanh after).
    static func activatedRows(_ parameters: RecurrentParameters<T>, _ w: Matrix<T>, _ u: Matrix<T>, _ bias: [T], rows: Int, step t: Int,
                              sequence b: Int, previous: [T], batch: SequenceBatch<T>, phi: (Int) -> Activation,
                              argument: (Int) -> String, result: (Int) -> String, values: inout [T], slopes: inout [T], at offset: Int,
                              probe: inout OperationProbe) {
        for r in 0..<rows {
            let z = preactivation(parameters, w, u, bias, row: r, step: t, sequence: b, previous: previous, batch: batch, result: argument(r), probe: &probe)
            let (value, slope) = activation(phi(r), z, argument: argument(r), result: result(r), timeStep: t, sample: b, probe: &probe)
            values[offset + r] = value
            slopes[offset + r] = slope
        }
    }

    /// `∂L/∂h_T[k] = Σ_o ∂L/∂y[o]·V[o,k]` for every sequence (batch × H), each sum checked.
    static func readoutStateGradient(seed: [T], readout v: Matrix<T>, steps: Int, sequences n: Int, probe: inout OperationProbe) -> [T] {
        let o = v.rows, h = v.columns
        var dh = [T](repeating: 0, count: n * h)
        for b in 0..<n {
            for k in 0..<h {
                dh[b * h + k] = checkedDot((0..<o).map { seed[b * o + $0] }, (0..<o).map { v[$0, k] },
                                           names: { ("∂L/∂y[\($0)]", "V[\($0),\(k)]") }, plus: nil, result: "∂L/∂h_\(steps)[\(k)]",
                                           pass: .backward, timeStep: steps, sample: b, probe: &probe)
            }
        }
        return dh
    }

    /// `∂L/∂h_{t−1}[k] = Σ_r D_t[r]·W[r,k]` (plus `carried[k]`, the GRU's direct path) for every
    /// sequence, each sum checked: the gradient `d` (batch × G·H, row r named `name(r)`) at the
    /// recurrent product's output of time step t, back through the recurrent weights `w`.
    static func stateGradient(_ d: [T], name: (Int) -> String, through w: Matrix<T>, named weights: String, step t: Int, sequences n: Int,
                              carried: [T]? = nil, carriedName: (Int) -> String = { _ in "" }, probe: inout OperationProbe) -> [T] {
        let rows = w.rows, h = w.columns
        var dh = [T](repeating: 0, count: n * h)
        for b in 0..<n {
            for k in 0..<h {
                dh[b * h + k] = checkedDot((0..<rows).map { d[b * rows + $0] }, (0..<rows).map { w[$0, k] },
                                           names: { (name($0), "\(weights)[\($0),\(k)]") }, plus: carried.map { (carriedName(k), $0[b * h + k]) },
                                           result: "∂L/∂h_\(t - 1)[\(k)]", pass: .backward, timeStep: t - 1, sample: b, probe: &probe)
            }
        }
        return dh
    }

    /// ``finishStep(_:batch:states:seed:recurrent:recurrentName:input:inputName:sgd:state:probe:)`` where the
    /// two products' output gradients are one (Elman's ∂L/∂a_t, the LSTM's ∂L/∂z_t).
    static func finishStep(_ parameters: RecurrentParameters<T>, batch: SequenceBatch<T>, states: [[T]], seed: [T],
                           gradient: (Int, Int, Int) -> T, name: @escaping (Int, Int) -> String,
                           sgd: RecurrentSGD, state: RecurrentOptimizerState<T>?, probe: inout OperationProbe) {
        finishStep(parameters, batch: batch, states: states, seed: seed, recurrent: gradient, recurrentName: name, input: gradient, inputName: name,
                   sgd: sgd, state: state, probe: &probe)
    }

    /// The end of a replayed step (nothing once a NaN was found): the gradient sums of the recurrent weights (`recurrent`·h_{t−1}),
    /// the input weights (`input`·x_t), the biases (b₀ sums `input`, b₁ sums `recurrent`), V and d,
    /// then the update of every parameter (``update(_:along:columns:sgd:state:probe:)``), unless a
    /// NaN was found first. `recurrent` and `input` give the gradient at each product's output
    /// (time step t, sequence b, row r) and its name (t, r); `states` holds h_0…h_T.
    static func finishStep(_ parameters: RecurrentParameters<T>, batch: SequenceBatch<T>, states: [[T]], seed: [T],
                           recurrent: (Int, Int, Int) -> T, recurrentName: @escaping (Int, Int) -> String,
                           input: (Int, Int, Int) -> T, inputName: @escaping (Int, Int) -> String,
                           sgd: RecurrentSGD, state: RecurrentOptimizerState<T>?, probe: inout OperationProbe) {
        if probe.firstNaN != nil { return }
        let steps = batch.length, n = batch.batchSize, h = parameters.hiddenSize, i = parameters.inputSize, o = parameters.outputSize
        let rows = parameters[bias: 0].count, names = parameters.names, times = Array(1...steps)
        var values = [
            gradientSum(names[0], rows: rows, columns: h, times: times, sequences: n, left: recurrent, leftName: recurrentName,
                        right: { t, b, c in states[t - 1][b * h + c] }, rightName: { t, c in "h_\(t - 1)[\(c)]" }, probe: &probe),
            gradientSum(names[1], rows: rows, columns: i, times: times, sequences: n, left: input, leftName: inputName,
                        right: { t, b, c in Self.input(batch, t, b, c) }, rightName: { t, c in "x_\(t)[\(c)]" }, probe: &probe)
        ]
        values.append(gradientSum(names[2], rows: rows, columns: 1, times: times, sequences: n, left: input, leftName: inputName,
                                  right: nil, rightName: { _, _ in "" }, probe: &probe))
        if parameters.biasCount == 2 {
            values.append(gradientSum(names[3], rows: rows, columns: 1, times: times, sequences: n, left: recurrent, leftName: recurrentName,
                                      right: nil, rightName: { _, _ in "" }, probe: &probe))
        }
        let (gV, gd) = readoutGradients(seed: seed, states: states, steps: steps, outputs: o, hidden: h, sequences: n, probe: &probe)
        if probe.firstNaN != nil { return }
        update(parameters.groups, along: ParameterGroups(names: names, values: values + [gV, gd]), columns: parameters.columns,
               sgd: sgd, state: state, probe: &probe)
    }
}
