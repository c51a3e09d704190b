import GradscopeNumerics
/// The parts of the operation-by-operation replays that every recurrent network runs the same way
/// on its ``RecurrentParameters``: the input x_t, the readout's backward step
/// `∂L/∂h_T = ∂L/∂y·V`, and the end of the step (the gradient sums of every group, the update).
extension RecurrentReplay {
    /// x_t[k] of sequence `b` (t = 1…T).
    static func input(_ batch: SequenceBatch<T>, _ t: Int, _ b: Int, _ k: Int) -> T {
        batch.inputs[((t - 1) * batch.batchSize + b) * batch.inputSize + k]
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

    /// The end of a replayed step: the gradient sums of the recurrent weights (`recurrent`·h_{t−1}),
    /// the input weights (`input`·x_t), the biases (b₀ sums `input`, b₁ sums `recurrent`), V and d,
    /// then the update of every parameter (``update(_:along:columns:sgd:state:probe:)``), unless a
    /// NaN was found first. `recurrent` and `input` give the gradient at each product's output
    /// (time step t, sequence b, row r) and its name (t, r); `states` holds h_0…h_T.
    static func finishStep(_ parameters: RecurrentParameters<T>, batch: SequenceBatch<T>, states: [[T]], seed: [T],
                           recurrent: (Int, Int, Int) -> T, recurrentName: @escaping (Int, Int) -> String,
                           input: (Int, Int, Int) -> T, inputName: @escaping (Int, Int) -> String,
                           sgd: RecurrentSGD, state: RecurrentOptimizerState<T>?, probe: inout OperationProbe) {
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
