import GradscopeNumerics
/// A long short-term memory network (Hochreiter & Schmidhuber 1997, with a forget gate as
/// Gers et al. 2000) unrolled over whole sequences, with a linear readout of the last state.
///
///     z_t = Wx·x_t + Wh·h_{t−1} + b                 (4H values per sequence: gates i, f, o, g)
///     i, f, o = σ(z_i), σ(z_f), σ(z_o),  g = tanh(z_g)
///     c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t),   y = V·h_T + d
///
/// The cell state's path `c_{t−1} → c_t` is multiplied only by f (no W, no squashing), so the
/// gradient through time can stay near 1: the "constant error carousel". BPTT:
///
///     ∂c_t += ∂h_t ⊙ o ⊙ tanh'(c_t);   ∂o = ∂h_t ⊙ tanh(c_t);  ∂i = ∂c_t ⊙ g;  ∂g = ∂c_t ⊙ i;  ∂f = ∂c_t ⊙ c_{t−1}
///     ∂z = (∂i, ∂f, ∂o, ∂g) ⊙ (σ', σ', σ', tanh');  ∂h_{t−1} = ∂z·Wh;  ∂c_{t−1} = ∂c_t ⊙ f
///
/// Rows of z hold the gates in the order i, f, o, g. Parameter groups: Wh (4H × H), Wx (4H × I),
/// b (4H; the forget-gate part starts at 1), V, d. Batches are row-major `batch × …` buffers.
///
/// References: [Hochreiter & Schmidhuber 1997](https://doi.org/10.1162/neco.1997.9.8.1735);
/// [Gers, Schmidhuber & Cummins 2000](https://doi.org/10.1162/089976600300015015).
public struct LSTMNetwork<T: GradFloat>: GatedRecurrentNetwork, Hashable {
    /// Wh (4H × H), Wx (4H × I), b (4H), V, d (see ``RecurrentParameters``).
    public var recurrentParameters: RecurrentParameters<T>
    public let loss: RecurrentLoss

    public typealias Scalar = T
    public var summary: String { "LSTM, \(recurrentParameters.unitsPhrase)" }
    public static var groupNames: [String] { ["Wh", "Wx", "b", "V", "d"] }
    /// G = 4: i, f, o, g.
    public static var gateCount: Int { 4 }
    /// b = 0 except the forget gate's rows h…2h−1, which start at 1 (Gers et al. 2000).
    public static func initialBiases(hiddenSize h: Int) -> [[Double]] {
        [(0..<4 * h).map { $0 >= h && $0 < 2 * h ? 1.0 : 0 }]
    }

    public init(recurrentWeights: Matrix<T>, inputWeights: Matrix<T>, bias: [T], readoutWeights: Matrix<T>, readoutBias: [T], loss: RecurrentLoss) {
        self.init(RecurrentParameters(names: Self.groupNames, gates: Self.gateCount, recurrentWeights: recurrentWeights, inputWeights: inputWeights,
                                      biases: [bias], readoutWeights: readoutWeights, readoutBias: readoutBias), loss: loss)
    }

    /// A network holding `parameters` (Wh, Wx, b, V, d of an LSTM; the names are checked).
    public init(_ parameters: RecurrentParameters<T>, loss: RecurrentLoss) {
        parameters.checkNames(Self.groupNames)
        self.recurrentParameters = parameters
        self.loss = loss
    }

    /// b, `4H` (the forget gate's rows h…2h−1 start at 1).
    public var bias: [T] {
        get { recurrentParameters[bias: 0] }
        set { recurrentParameters[bias: 0] = newValue }
    }

    /// The workspace's buffers: what each slot holds (the numbers are the buffers' indices, as before the names).
    private enum Slot: Int {
        /// z_t = Wx·x_t + Wh·h_{t−1} + b, the four gates' pre-activations, for every t (then ∂L/∂z_t, in place).
        case gatePreactivations = 0
        /// h_0…h_T.
        case states = 1
        /// i, f, o = σ(z), g = tanh(z) for every t.
        case gates = 2
        /// σ'(z) and tanh'(z) of the gates for every t.
        case gateSlopes = 3
        /// c_0…c_T.
        case cellStates = 4
        /// y = V·h_T + d.
        case outputs = 5
        /// ∂L/∂y, scaled by the loss scale (the backward pass's seed).
        case seed = 6
        /// tanh(c_t) for every t.
        case tanhOfCells = 7
        /// tanh'(c_t) for every t.
        case tanhSlopesOfCells = 8
        /// ∂L/∂h_t of the step being reversed.
        case stateGradient = 9
        /// ∂L/∂c_t of the step being reversed.
        case cellStateGradient = 10
    }

    /// Runs the batch forward: gate pre-activations, states, gates, slopes, cell states, tanh of
    /// the cells and outputs in their slots. Returns the outputs.
    public func forwardOutputs(_ batch: SequenceBatch<T>, workspace ws: RecurrentWorkspace<T>) -> UnsafeMutablePointer<T> {
        checkShape(of: batch)
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, o = outputSize, g4 = 4 * h
        let z = ws.buffer(Slot.gatePreactivations, count: steps * n * g4), states = ws.buffer(Slot.states, count: (steps + 1) * n * h)
        let gates = ws.buffer(Slot.gates, count: steps * n * g4), slopes = ws.buffer(Slot.gateSlopes, count: steps * n * g4)
        let cells = ws.buffer(Slot.cellStates, count: (steps + 1) * n * h), out = ws.buffer(Slot.outputs, count: n * o)
        let tc = ws.buffer(Slot.tanhOfCells, count: steps * n * h), dtc = ws.buffer(Slot.tanhSlopesOfCells, count: steps * n * h)
        states.update(repeating: 0, count: n * h)
        cells.update(repeating: 0, count: n * h)
        recurrentParameters.projectInputs(of: batch, into: z, operand: recurrentParameters.inputOperand, workspace: ws)
        for t in 1...steps {
            let zt = z + (t - 1) * n * g4, gt = gates + (t - 1) * n * g4, st = slopes + (t - 1) * n * g4
            recurrentParameters.addRecurrentProduct(states: states, step: t, steps: steps, batch: n, to: zt, workspace: ws)
            for b in 0..<n {
                Activation.sigmoid.apply(to: zt + b * g4, value: gt + b * g4, slope: st + b * g4, count: 3 * h)
                Activation.tanh.apply(to: zt + b * g4 + 3 * h, value: gt + b * g4 + 3 * h, slope: st + b * g4 + 3 * h, count: h)
            }
            let cPrev = cells + (t - 1) * n * h, c = cells + t * n * h
            for b in 0..<n {
                let row = gt + b * g4
                for k in 0..<h { c[b * h + k] = row[h + k] * cPrev[b * h + k] + row[k] * row[3 * h + k] }
            }
            Activation.tanh.apply(to: c, value: tc + (t - 1) * n * h, slope: dtc + (t - 1) * n * h, count: n * h)
            let ht = states + t * n * h, tct = tc + (t - 1) * n * h
            for b in 0..<n {
                let row = gt + b * g4
                for k in 0..<h { ht[b * h + k] = row[2 * h + k] * tct[b * h + k] }
            }
        }
        recurrentParameters.readout(states: states, steps: steps, batch: n, into: out, workspace: ws)
        return out
    }

    public func lossAndGradients(on batch: SequenceBatch<T>, normalizer: Int, workspace ws: RecurrentWorkspace<T>) -> RecurrentGradients<T> {
        let out = forwardOutputs(batch, workspace: ws)
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, o = outputSize, g4 = 4 * h
        let z = ws.buffer(Slot.gatePreactivations, count: steps * n * g4), states = ws.buffer(Slot.states, count: (steps + 1) * n * h)
        let gates = ws.buffer(Slot.gates, count: steps * n * g4), slopes = ws.buffer(Slot.gateSlopes, count: steps * n * g4)
        let cells = ws.buffer(Slot.cellStates, count: (steps + 1) * n * h), seed = ws.buffer(Slot.seed, count: n * o)
        let tc = ws.buffer(Slot.tanhOfCells, count: steps * n * h), dtc = ws.buffer(Slot.tanhSlopesOfCells, count: steps * n * h)
        let dh = ws.buffer(Slot.stateGradient, count: n * h), dc = ws.buffer(Slot.cellStateGradient, count: n * h)
        var (lossValue, readout, norms) = recurrentParameters.readoutBackward(loss: loss, batch: batch, normalizer: normalizer, outputs: out,
                                                                              states: states, seed: seed, stateGradient: dh, workspace: ws)
        dc.update(repeating: 0, count: n * h)
        for t in stride(from: steps, to: 0, by: -1) {
            let gt = gates + (t - 1) * n * g4, st = slopes + (t - 1) * n * g4, dz = z + (t - 1) * n * g4
            let tct = tc + (t - 1) * n * h, dtct = dtc + (t - 1) * n * h, cPrev = cells + (t - 1) * n * h
            for b in 0..<n {
                let g = gt + b * g4, s = st + b * g4, d = dz + b * g4
                for k in 0..<h {
                    let e = b * h + k
                    let dOut = dh[e] * tct[e]
                    dc[e] += dh[e] * g[2 * h + k] * dtct[e]
                    d[k] = dc[e] * g[3 * h + k] * s[k]
                    d[h + k] = dc[e] * cPrev[e] * s[h + k]
                    d[2 * h + k] = dOut * s[2 * h + k]
                    d[3 * h + k] = dc[e] * g[k] * s[3 * h + k]
                    dc[e] *= g[h + k]
                }
            }
            norms[t - 1] = recurrentParameters.backRecurrentProduct(dz, Self.gateGradientOperand, step: t, steps: steps, batch: n, into: dh, workspace: ws)
        }
        return recurrentParameters.gradients(loss: lossValue, readout: readout, norms: norms, outputs: out, recurrent: z, Self.gateGradientOperand,
                                             input: z, Self.gateGradientOperand, states: states, batch: batch, workspace: ws)
    }

    /// ∂L/∂z_t, the gradient at the gates' pre-activations.
    static var gateGradientOperand: ProductOperand { ProductOperand("∂L/∂z", .gradients) }

    public func converted<U: GradFloat>(to type: U.Type = U.self) -> LSTMNetwork<U> {
        LSTMNetwork<U>(recurrentParameters.converted(), loss: loss)
    }
}
