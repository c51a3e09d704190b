import GradscopeNumerics

/// A gated recurrent unit network (Cho et al. 2014, in PyTorch's `nn.GRU` form) unrolled over
/// whole sequences, with a linear readout of the last state.
///
///     a = Wx·x_t + bx                                  (3H values: gates r, z, n)
///     c = Wh·h_{t−1} + bh
///     r = σ(a_r + c_r),  z = σ(a_z + c_z),  n = tanh(a_n + r ⊙ c_n)
///     h_t = (1 − z) ⊙ n + z ⊙ h_{t−1},   y = V·h_T + d
///
/// The update gate z interpolates: where z ≈ 1 the state is copied, and ∂h_t/∂h_{t−1} ≈ 1,
/// so the gradient through time neither explodes nor vanishes along that path. BPTT:
///
///     ∂n = ∂h ⊙ (1 − z);  ∂z = ∂h ⊙ (h_{t−1} − n)
///     ∂a_n = ∂n ⊙ tanh'(·);  ∂r = ∂a_n ⊙ c_n;  ∂a_r = ∂r ⊙ σ'(·);  ∂a_z = ∂z ⊙ σ'(·)
///     ∂c = (∂a_r, ∂a_z, ∂a_n ⊙ r);   ∂h_{t−1} = ∂h ⊙ z + ∂c·Wh
///
/// Rows hold the gates in PyTorch's order r, z, n. Parameter groups: Wh (3H × H), Wx (3H × I),
/// bx (3H), bh (3H), V, d. Batches are row-major `batch × …` buffers. NaN and ±Inf propagate.
///
/// Reference: [Cho et al. 2014](https://arxiv.org/abs/1406.1078);
/// [`torch.nn.GRU`](https://pytorch.org/docs/stable/generated/torch.nn.GRU.html).
public struct GRUNetwork<T: GradFloat>: GatedRecurrentNetwork, Hashable {
    /// Wh (3H × H), Wx (3H × I), bx (3H), bh (3H), V, d (see ``RecurrentParameters``).
    public var recurrentParameters: RecurrentParameters<T>
    public let loss: RecurrentLoss

    public typealias Scalar = T
    public var summary: String { "GRU, \(recurrentParameters.unitsPhrase)" }
    public static var groupNames: [String] { ["Wh", "Wx", "bx", "bh", "V", "d"] }
    /// G = 3: r, z, n.
    public static var gateCount: Int { 3 }
    /// bx = bh = 0.
    public static func initialBiases(hiddenSize h: Int) -> [[Double]] {
        let zeros = [Double](repeating: 0, count: 3 * h)
        return [zeros, zeros]
    }

    public init(recurrentWeights: Matrix<T>, inputWeights: Matrix<T>, inputBias: [T], recurrentBias: [T],
                readoutWeights: Matrix<T>, readoutBias: [T], loss: RecurrentLoss) {
        self.init(RecurrentParameters(names: Self.groupNames, gates: Self.gateCount, recurrentWeights: recurrentWeights, inputWeights: inputWeights,
                                      biases: [inputBias, recurrentBias], readoutWeights: readoutWeights, readoutBias: readoutBias), loss: loss)
    }

    /// A network holding `parameters` (Wh, Wx, bx, bh, V, d of a GRU; the names are checked).
    public init(_ parameters: RecurrentParameters<T>, loss: RecurrentLoss) {
        parameters.checkNames(Self.groupNames)
        self.recurrentParameters = parameters
        self.loss = loss
    }

    /// bx, `3H`: added to Wx·x.
    public var inputBias: [T] {
        get { recurrentParameters[bias: 0] }
        set { recurrentParameters[bias: 0] = newValue }
    }

    /// bh, `3H`: added to Wh·h (inside the reset gate's product for n, as PyTorch does).
    public var recurrentBias: [T] {
        get { recurrentParameters[bias: 1] }
        set { recurrentParameters[bias: 1] = newValue }
    }

    /// The workspace's buffers: what each slot holds.
    private enum Slot: Int {
        /// Wx·x_t + bx for every t (then ∂a).
        case inputPart
        /// Wh·h_{t−1} + bh for every t (then ∂c).
        case recurrentPart
        /// h_0…h_T.
        case states
        /// r, z, n for every t.
        case gates
        /// σ'(r), σ'(z), tanh'(n) for every t.
        case slopes
        /// One sequence's pre-activations at one step (the batched activation must not work in place).
        case preactivation
        case outputs, seed, stateGradient
    }

    public func forwardOutputs(_ batch: SequenceBatch<T>, workspace ws: RecurrentWorkspace<T>) -> UnsafeMutablePointer<T> {
        checkShape(of: batch)
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, o = outputSize, g3 = 3 * h
        let a = ws.buffer(Slot.inputPart, count: steps * n * g3), c = ws.buffer(Slot.recurrentPart, count: steps * n * g3)
        let states = ws.buffer(Slot.states, count: (steps + 1) * n * h)
        let gates = ws.buffer(Slot.gates, count: steps * n * g3), slopes = ws.buffer(Slot.slopes, count: steps * n * g3)
        let out = ws.buffer(Slot.outputs, count: n * o), pre = ws.buffer(Slot.preactivation, count: g3)
        states.update(repeating: 0, count: n * h)
        recurrentParameters.projectInputs(of: batch, into: a, operand: recurrentParameters.inputOperand, workspace: ws)
        recurrentParameters.values[3].withUnsafeBufferPointer { bh in
            for t in 1...steps {
                let at = a + (t - 1) * n * g3, ct = c + (t - 1) * n * g3
                let gt = gates + (t - 1) * n * g3, st = slopes + (t - 1) * n * g3
                let hPrev = states + (t - 1) * n * h, ht = states + t * n * h
                for b in 0..<n { let row = ct + b * g3; for k in 0..<g3 { row[k] = bh[k] } }
                recurrentParameters.addRecurrentProduct(states: states, step: t, steps: steps, batch: n, to: ct, workspace: ws)
                for b in 0..<n {
                    let ar = at + b * g3, cr = ct + b * g3, g = gt + b * g3, s = st + b * g3
                    // r and z: σ(a + c), into the gate rows.
                    for k in 0..<2 * h { pre[k] = ar[k] + cr[k] }
                    Activation.sigmoid.apply(to: pre, value: g, slope: s, count: 2 * h)
                    for k in 0..<h { pre[2 * h + k] = ar[2 * h + k] + g[k] * cr[2 * h + k] }
                    Activation.tanh.apply(to: pre + 2 * h, value: g + 2 * h, slope: s + 2 * h, count: h)
                    for k in 0..<h {
                        let z = g[h + k], candidate = g[2 * h + k]
                        ht[b * h + k] = (1 - z) * candidate + z * hPrev[b * h + k]
                    }
                }
            }
        }
        recurrentParameters.readout(states: states, steps: steps, batch: n, into: out, workspace: ws)
        return out
    }

    public func lossAndGradients(on batch: SequenceBatch<T>, normalizer: Int, workspace ws: RecurrentWorkspace<T>) -> RecurrentGradients<T> {
        let out = forwardOutputs(batch, workspace: ws)
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, o = outputSize, g3 = 3 * h
        let da = ws.buffer(Slot.inputPart, count: steps * n * g3), dcBuffer = ws.buffer(Slot.recurrentPart, count: steps * n * g3)
        let states = ws.buffer(Slot.states, count: (steps + 1) * n * h)
        let gates = ws.buffer(Slot.gates, count: steps * n * g3), slopes = ws.buffer(Slot.slopes, count: steps * n * g3)
        let seed = ws.buffer(Slot.seed, count: n * o), dh = ws.buffer(Slot.stateGradient, count: n * h)
        var (lossValue, readout, norms) = recurrentParameters.readoutBackward(loss: loss, batch: batch, normalizer: normalizer, outputs: out,
                                                                              states: states, seed: seed, stateGradient: dh, workspace: ws)
        for t in stride(from: steps, to: 0, by: -1) {
            let gt = gates + (t - 1) * n * g3, st = slopes + (t - 1) * n * g3
            let dat = da + (t - 1) * n * g3, dct = dcBuffer + (t - 1) * n * g3, hPrev = states + (t - 1) * n * h
            for b in 0..<n {
                let g = gt + b * g3, s = st + b * g3, dA = dat + b * g3, dC = dct + b * g3
                for k in 0..<h {
                    let e = b * h + k
                    let r = g[k], z = g[h + k], candidate = g[2 * h + k]
                    let cn = dC[2 * h + k]  // Wh_n·h_{t−1} + bh_n, read before it is overwritten by ∂c_n
                    let dAn = dh[e] * (1 - z) * s[2 * h + k]
                    let dAr = dAn * cn * s[k]
                    let dAz = dh[e] * (hPrev[e] - candidate) * s[h + k]
                    dA[k] = dAr; dA[h + k] = dAz; dA[2 * h + k] = dAn
                    dC[k] = dAr; dC[h + k] = dAz; dC[2 * h + k] = dAn * r
                    dh[e] *= z
                }
            }
            norms[t - 1] = recurrentParameters.backRecurrentProduct(dct, Self.recurrentGradientOperand, step: t, steps: steps, batch: n, adding: true,
                                                                    into: dh, workspace: ws)
        }
        return recurrentParameters.gradients(loss: lossValue, readout: readout, norms: norms, outputs: out, recurrent: dcBuffer, Self.recurrentGradientOperand,
                                             input: da, Self.inputGradientOperand, states: states, batch: batch, workspace: ws)
    }

    /// ∂L/∂c_t, the gradient at Wh·h_{t−1} + bh.
    static var recurrentGradientOperand: ProductOperand { ProductOperand("∂L/∂c", .gradients) }
    /// ∂L/∂a_t, the gradient at Wx·x_t + bx.
    static var inputGradientOperand: ProductOperand { ProductOperand("∂L/∂a", .gradients) }

    public func converted<U: GradFloat>(to type: U.Type = U.self) -> GRUNetwork<U> {
        GRUNetwork<U>(recurrentParameters.converted(), loss: loss)
    }
}
