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
public struct GRUNetwork<T: GradFloat>: RecurrentNetwork, Hashable {
    /// Wh, `3H × H`.
    public var recurrentWeights: Matrix<T>
    /// Wx, `3H × I`.
    public var inputWeights: Matrix<T>
    /// bx, `3H`: added to Wx·x.
    public var inputBias: [T]
    /// bh, `3H`: added to Wh·h (inside the reset gate's product for n, as PyTorch does).
    public var recurrentBias: [T]
    /// V, `outputSize × H`.
    public var readoutWeights: Matrix<T>
    /// d.
    public var readoutBias: [T]
    public let loss: RecurrentLoss

    public typealias Scalar = T
    public var hiddenSize: Int { recurrentWeights.columns }
    public var inputSize: Int { inputWeights.columns }
    public var outputSize: Int { readoutBias.count }
    public var summary: String { "GRU, \(hiddenSize) unit\(hiddenSize == 1 ? "" : "s")" }
    public static var groupNames: [String] { ["Wh", "Wx", "bx", "bh", "V", "d"] }

    public init(recurrentWeights: Matrix<T>, inputWeights: Matrix<T>, inputBias: [T], recurrentBias: [T],
                readoutWeights: Matrix<T>, readoutBias: [T], loss: RecurrentLoss) {
        let h = recurrentWeights.columns
        precondition(recurrentWeights.rows == 3 * h && inputWeights.rows == 3 * h && inputBias.count == 3 * h && recurrentBias.count == 3 * h,
                     "A GRU's Wh, Wx, bx and bh need 3H rows.")
        precondition(readoutWeights.columns == h && readoutWeights.rows == readoutBias.count, "V must be \(readoutBias.count)×\(h).")
        self.recurrentWeights = recurrentWeights
        self.inputWeights = inputWeights
        self.inputBias = inputBias
        self.recurrentBias = recurrentBias
        self.readoutWeights = readoutWeights
        self.readoutBias = readoutBias
        self.loss = loss
    }

    public var parameters: ParameterGroups<T> {
        get {
            ParameterGroups(names: Self.groupNames, values: [recurrentWeights.elements, inputWeights.elements, inputBias, recurrentBias,
                                                             readoutWeights.elements, readoutBias])
        }
        set {
            precondition(newValue.values.map(\.count) == parameters.values.map(\.count), "The parameter groups have another shape.")
            recurrentWeights.elements = newValue.values[0]
            inputWeights.elements = newValue.values[1]
            inputBias = newValue.values[2]
            recurrentBias = newValue.values[3]
            readoutWeights.elements = newValue.values[4]
            readoutBias = newValue.values[5]
        }
    }

    public func outputs(for batch: SequenceBatch<T>, workspace: RecurrentWorkspace<T>) -> [T] {
        let out = forward(batch, workspace: workspace)
        return Array(UnsafeBufferPointer(start: out, count: batch.batchSize * outputSize))
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

    private func buffer(_ slot: Slot, _ count: Int, in ws: RecurrentWorkspace<T>) -> UnsafeMutablePointer<T> {
        ws.buffer(slot.rawValue, count: count)
    }

    private func forward(_ batch: SequenceBatch<T>, workspace ws: RecurrentWorkspace<T>) -> UnsafeMutablePointer<T> {
        precondition(batch.inputSize == inputSize && batch.outputSize == outputSize, "The batch does not fit the network's input and output sizes.")
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, i = inputSize, o = outputSize, g3 = 3 * h
        let a = buffer(.inputPart, steps * n * g3, in: ws), c = buffer(.recurrentPart, steps * n * g3, in: ws)
        let states = buffer(.states, (steps + 1) * n * h, in: ws)
        let gates = buffer(.gates, steps * n * g3, in: ws), slopes = buffer(.slopes, steps * n * g3, in: ws)
        let out = buffer(.outputs, n * o, in: ws), pre = buffer(.preactivation, g3, in: ws)
        states.update(repeating: 0, count: n * h)
        batch.inputs.withUnsafeBufferPointer { x in
            inputWeights.elements.withUnsafeBufferPointer { u in
                if i > 0 {
                    let xCast = ws.operand(.inputs, x.baseAddress!, rows: steps * n, columns: i, reducing: .columns)
                    let uCast = ws.operand(Self.inputWeightsOperand, u.baseAddress!, rows: g3, columns: i, reducing: .columns)
                    MatrixProduct.gemm(.none, .transposed, m: steps * n, n: g3, k: i, alpha: 1, xCast, lda: i, uCast, ldb: i, beta: 0, a, ldc: g3)
                } else {
                    a.update(repeating: 0, count: steps * n * g3)
                }
            }
        }
        inputBias.withUnsafeBufferPointer { b in
            for r in 0..<steps * n { let row = a + r * g3; for k in 0..<g3 { row[k] += b[k] } }
        }
        recurrentWeights.elements.withUnsafeBufferPointer { w in
            recurrentBias.withUnsafeBufferPointer { bh in
                for t in 1...steps {
                    let at = a + (t - 1) * n * g3, ct = c + (t - 1) * n * g3
                    let gt = gates + (t - 1) * n * g3, st = slopes + (t - 1) * n * g3
                    let hPrev = states + (t - 1) * n * h, ht = states + t * n * h
                    for b in 0..<n { let row = ct + b * g3; for k in 0..<g3 { row[k] = bh[k] } }
                    let hCast = ws.operand(.states, hPrev, firstRow: (t - 1) * n, rows: n, of: (steps + 1) * n, columns: h, reducing: .columns)
                    let wCast = ws.operand(Self.recurrentWeightsOperand, w.baseAddress!, rows: g3, columns: h, reducing: .columns)
                    MatrixProduct.gemm(.none, .transposed, m: n, n: g3, k: h, alpha: 1, hCast, lda: h, wCast, ldb: h, beta: 1, ct, ldc: g3)
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
        }
        RecurrentReadout.forward(weights: readoutWeights, bias: readoutBias, last: states + steps * n * h, lastRow: steps * n, stateRows: (steps + 1) * n,
                                 batch: n, into: out, workspace: ws)
        return out
    }

    public func lossAndGradients(on batch: SequenceBatch<T>, normalizer: Int, workspace ws: RecurrentWorkspace<T>) -> RecurrentGradients<T> {
        let out = forward(batch, workspace: ws)
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, i = inputSize, o = outputSize, g3 = 3 * h
        let da = buffer(.inputPart, steps * n * g3, in: ws), dcBuffer = buffer(.recurrentPart, steps * n * g3, in: ws)
        let states = buffer(.states, (steps + 1) * n * h, in: ws)
        let gates = buffer(.gates, steps * n * g3, in: ws), slopes = buffer(.slopes, steps * n * g3, in: ws)
        let seed = buffer(.seed, n * o, in: ws), dh = buffer(.stateGradient, n * h, in: ws)
        let lossValue = batch.targets.withUnsafeBufferPointer { t in
            loss.evaluate(outputs: out, targets: t.baseAddress!, batchSize: n, outputSize: o, normalizer: normalizer, seed: seed, scale: ws.lossScale)
        }
        var gWh = [T](repeating: 0, count: g3 * h), gWx = [T](repeating: 0, count: g3 * i)
        var gbx = [T](repeating: 0, count: g3), gbh = [T](repeating: 0, count: g3)
        var gV = [T](repeating: 0, count: o * h), gd = [T](repeating: 0, count: o)
        var norms = [Double](repeating: 0, count: steps + 1)
        func norm(_ p: UnsafeMutablePointer<T>) -> Double {
            var s = 0.0
            for k in 0..<n * h { s += Double(p[k]) * Double(p[k]) }
            return s.squareRoot()
        }
        RecurrentReadout.backward(weights: readoutWeights, seed: seed, last: states + steps * n * h, lastRow: steps * n, stateRows: (steps + 1) * n,
                                  batch: n, gV: &gV, gd: &gd, stateGradient: dh, workspace: ws)
        norms[steps] = norm(dh)
        recurrentWeights.elements.withUnsafeBufferPointer { w in
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
                let dcCast = ws.operand(Self.recurrentGradientOperand, dct, firstRow: (t - 1) * n, rows: n, of: steps * n, columns: g3, reducing: .columns)
                let wCast = ws.operand(Self.recurrentWeightsOperand, w.baseAddress!, rows: g3, columns: h, reducing: .rows)
                MatrixProduct.gemm(.none, .none, m: n, n: h, k: g3, alpha: 1, dcCast, lda: g3, wCast, ldb: h, beta: 1, dh, ldc: h)
                norms[t - 1] = norm(dh)
            }
        }
        gWh.withUnsafeMutableBufferPointer { g in
            let dcAll = ws.operand(Self.recurrentGradientOperand, dcBuffer, rows: steps * n, columns: g3, reducing: .rows)
            let statesCast = ws.operand(.states, states, rows: steps * n, of: (steps + 1) * n, columns: h, reducing: .rows)
            MatrixProduct.gemm(.transposed, .none, m: g3, n: h, k: steps * n, alpha: 1, dcAll, lda: g3, statesCast, ldb: h, beta: 0, g.baseAddress!, ldc: h)
        }
        if i > 0 {
            gWx.withUnsafeMutableBufferPointer { g in
                batch.inputs.withUnsafeBufferPointer { x in
                    let daAll = ws.operand(Self.inputGradientOperand, da, rows: steps * n, columns: g3, reducing: .rows)
                    let xCast = ws.operand(.inputs, x.baseAddress!, rows: steps * n, columns: i, reducing: .rows)
                    MatrixProduct.gemm(.transposed, .none, m: g3, n: i, k: steps * n, alpha: 1, daAll, lda: g3, xCast, ldb: i, beta: 0, g.baseAddress!, ldc: i)
                }
            }
        }
        for r in 0..<steps * n {
            let rowA = da + r * g3, rowC = dcBuffer + r * g3
            for k in 0..<g3 { gbx[k] += rowA[k]; gbh[k] += rowC[k] }
        }
        return RecurrentGradients(loss: lossValue, gradients: ParameterGroups(names: Self.groupNames, values: [gWh, gWx, gbx, gbh, gV, gd]),
                                  stateGradientNorms: norms, outputs: Array(UnsafeBufferPointer(start: out, count: n * o)))
    }

    static var recurrentWeightsOperand: ProductOperand { ProductOperand("Wh", .weights) }
    static var inputWeightsOperand: ProductOperand { ProductOperand("Wx", .weights) }
    /// ∂L/∂c_t, the gradient at Wh·h_{t−1} + bh.
    static var recurrentGradientOperand: ProductOperand { ProductOperand("∂L/∂c", .gradients) }
    /// ∂L/∂a_t, the gradient at Wx·x_t + bx.
    static var inputGradientOperand: ProductOperand { ProductOperand("∂L/∂a", .gradients) }

    public func converted<U: GradFloat>(to type: U.Type = U.self) -> GRUNetwork<U> {
        GRUNetwork<U>(recurrentWeights: recurrentWeights.converted(), inputWeights: inputWeights.converted(),
                      inputBias: inputBias.map { U($0) }, recurrentBias: recurrentBias.map { U($0) },
                      readoutWeights: readoutWeights.converted(), readoutBias: readoutBias.map { U($0) }, loss: loss)
    }
}

extension GRUNetwork where T == Double {
    /// A fresh GRU for `task`: Wh, Wx, V drawn by `initialization`, all biases 0.
    public init<G: RandomNumberGenerator>(task: some SequenceTask, hiddenSize h: Int, initialization: RecurrentInitialization,
                                          using generator: inout G) {
        let wh = initialization.recurrentWeights(rows: 3 * h, columns: h, using: &generator)
        let wx = initialization.otherWeights(rows: 3 * h, columns: task.inputSize, using: &generator)
        let v = initialization.otherWeights(rows: task.outputSize, columns: h, using: &generator)
        let zeros = [Double](repeating: 0, count: 3 * h)
        self.init(recurrentWeights: wh, inputWeights: wx, inputBias: zeros, recurrentBias: zeros, readoutWeights: v,
                  readoutBias: [Double](repeating: 0, count: task.outputSize), loss: task.loss)
    }
}
