import GradscopeNumerics
/// An ``ElmanCell`` unrolled over whole sequences with a linear readout of the last state,
/// trained by backpropagation through time (BPTT).
///
///     h_0 = initialState,  a_t = W·h_{t−1} + U·x_t + c,  h_t = φ(a_t),  y = V·h_T + d,  L = loss(y, target)
///
/// BPTT, for the whole batch at once (rows are sequences; products are OpenBLAS GEMMs in
/// Float and Double):
///
///     ∂L/∂h_T = ∂L/∂y·V
///     ∂L/∂a_t = ∂L/∂h_t ⊙ φ'(a_t),   ∂L/∂h_{t−1} = ∂L/∂a_t·W          t = T…1
///     ∂L/∂W = Σ_t (∂L/∂a_t)ᵀ·h_{t−1},  ∂L/∂U = Σ_t (∂L/∂a_t)ᵀ·x_t,  ∂L/∂c = Σ_t Σ_b ∂L/∂a_t
///     ∂L/∂V = (∂L/∂y)ᵀ·h_T,  ∂L/∂d = Σ_b ∂L/∂y
///
/// Parameter groups, in order: W, U, c, V, d.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 0)
/// let net = ElmanNetwork<Double>(task: AddingProblem(length: 100), hiddenSize: 32, activation: .tanh,
///                                initialization: .identity, using: &rng)
/// let result = net.lossAndGradients(on: AddingProblem(length: 100).batch(size: 32, using: &rng).converted())
/// result.stateGradientNorms   // ‖∂L/∂h_t‖, t = 0…100
/// ```
public struct ElmanNetwork<T: GradFloat>: RecurrentNetwork, Hashable {
    public var cell: ElmanCell<T>
    /// V, `outputSize × hiddenSize`.
    public var readoutWeights: Matrix<T>
    /// d, `outputSize` values.
    public var readoutBias: [T]
    /// h_0 of every sequence (hiddenSize values; not trained).
    public var initialState: [T]
    public let loss: RecurrentLoss

    public init(cell: ElmanCell<T>, readoutWeights: Matrix<T>, readoutBias: [T], loss: RecurrentLoss, initialState: [T]? = nil) {
        precondition(readoutWeights.columns == cell.hiddenSize && readoutWeights.rows == readoutBias.count,
                     "V must be \(readoutBias.count)×\(cell.hiddenSize).")
        precondition(initialState.map { $0.count == cell.hiddenSize } ?? true, "h_0 needs \(cell.hiddenSize) values.")
        self.cell = cell
        self.readoutWeights = readoutWeights
        self.readoutBias = readoutBias
        self.loss = loss
        self.initialState = initialState ?? cell.zeroState()
    }

    public typealias Scalar = T
    public var hiddenSize: Int { cell.hiddenSize }
    public var inputSize: Int { cell.inputSize }
    public var outputSize: Int { readoutBias.count }
    public var summary: String { "\(cell.activation.name) Elman RNN, \(hiddenSize) unit\(hiddenSize == 1 ? "" : "s")" }

    /// Group names, in order.
    public static var groupNames: [String] { ["W", "U", "c", "V", "d"] }

    public var parameters: ParameterGroups<T> {
        get {
            ParameterGroups(names: Self.groupNames, values: [cell.recurrentWeights.elements, cell.inputWeights.elements, cell.bias,
                                                             readoutWeights.elements, readoutBias])
        }
        set {
            precondition(newValue.values.map(\.count) == parameters.values.map(\.count), "The parameter groups have another shape.")
            cell.recurrentWeights.elements = newValue.values[0]
            cell.inputWeights.elements = newValue.values[1]
            cell.bias = newValue.values[2]
            readoutWeights.elements = newValue.values[3]
            readoutBias = newValue.values[4]
        }
    }

    public func outputs(for batch: SequenceBatch<T>, workspace: RecurrentWorkspace<T>) -> [T] {
        let out = forward(batch, workspace: workspace)
        return Array(UnsafeBufferPointer(start: out, count: batch.batchSize * outputSize))
    }

    /// Runs the batch forward: pre-activations, states h_0…h_T, slopes and outputs in their slots.
    /// Returns the outputs.
    private func forward(_ batch: SequenceBatch<T>, workspace ws: RecurrentWorkspace<T>) -> UnsafeMutablePointer<T> {
        precondition(batch.inputSize == inputSize && batch.outputSize == outputSize,
                     "The network takes \(inputSize) inputs and gives \(outputSize) outputs; the batch has \(batch.inputSize) and \(batch.outputSize).")
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, i = inputSize, o = outputSize
        let slice = n * h
        let pre = ws.buffer(Slot.preactivations, count: steps * slice), states = ws.buffer(Slot.states, count: (steps + 1) * slice)
        let slopes = ws.buffer(Slot.slopes, count: steps * slice), out = ws.buffer(Slot.outputs, count: n * o)
        for b in 0..<n { for k in 0..<h { states[b * h + k] = initialState[k] } }
        batch.inputs.withUnsafeBufferPointer { x in
            cell.inputWeights.elements.withUnsafeBufferPointer { u in
                if i > 0 {
                    let xCast = ws.operand(.inputs, x.baseAddress!, rows: steps * n, columns: i, reducing: .columns)
                    let uCast = ws.operand(Self.inputWeightsOperand, u.baseAddress!, rows: h, columns: i, reducing: .columns)
                    MatrixProduct.gemm(.none, .transposed, m: steps * n, n: h, k: i, alpha: 1, xCast, lda: i, uCast, ldb: i, beta: 0, pre, ldc: h)
                } else {
                    pre.update(repeating: 0, count: steps * slice)
                }
            }
        }
        cell.bias.withUnsafeBufferPointer { c in
            for r in 0..<steps * n {
                let row = pre + r * h
                for k in 0..<h { row[k] += c[k] }
            }
        }
        cell.recurrentWeights.elements.withUnsafeBufferPointer { w in
            for t in 1...steps {
                let a = pre + (t - 1) * slice
                let hPrev = ws.operand(.states, states + (t - 1) * slice, firstRow: (t - 1) * n, rows: n, of: (steps + 1) * n, columns: h, reducing: .columns)
                let wCast = ws.operand(Self.recurrentWeightsOperand, w.baseAddress!, rows: h, columns: h, reducing: .columns)
                MatrixProduct.gemm(.none, .transposed, m: n, n: h, k: h, alpha: 1, hPrev, lda: h, wCast, ldb: h, beta: 1, a, ldc: h)
                cell.activation.apply(to: a, value: states + t * slice, slope: slopes + (t - 1) * slice, count: slice)
            }
        }
        RecurrentReadout.forward(weights: readoutWeights, bias: readoutBias, last: states + steps * slice, lastRow: steps * n, stateRows: (steps + 1) * n,
                                 batch: n, into: out, workspace: ws)
        return out
    }

    public func lossAndGradients(on batch: SequenceBatch<T>, normalizer: Int, workspace ws: RecurrentWorkspace<T>) -> RecurrentGradients<T> {
        let out = forward(batch, workspace: ws)
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, i = inputSize, o = outputSize
        let slice = n * h
        let pre = ws.buffer(Slot.preactivations, count: steps * slice), states = ws.buffer(Slot.states, count: (steps + 1) * slice)
        let slopes = ws.buffer(Slot.slopes, count: steps * slice), dh = ws.buffer(Slot.stateGradient, count: slice), seed = ws.buffer(Slot.seed, count: n * o)
        let lossValue = batch.targets.withUnsafeBufferPointer { targets in
            loss.evaluate(outputs: out, targets: targets.baseAddress!, batchSize: n, outputSize: o, normalizer: normalizer, seed: seed, scale: ws.lossScale)
        }
        var gW = [T](repeating: 0, count: h * h), gU = [T](repeating: 0, count: h * i), gc = [T](repeating: 0, count: h)
        var gV = [T](repeating: 0, count: o * h), gd = [T](repeating: 0, count: o)
        var norms = [Double](repeating: 0, count: steps + 1)
        func norm(_ p: UnsafeMutablePointer<T>) -> Double {
            var s = 0.0
            for k in 0..<slice { s += Double(p[k]) * Double(p[k]) }
            return s.squareRoot()
        }
        RecurrentReadout.backward(weights: readoutWeights, seed: seed, last: states + steps * slice, lastRow: steps * n, stateRows: (steps + 1) * n,
                                  batch: n, gV: &gV, gd: &gd, stateGradient: dh, workspace: ws)
        norms[steps] = norm(dh)
        cell.recurrentWeights.elements.withUnsafeBufferPointer { w in
            for t in stride(from: steps, to: 0, by: -1) {
                let da = pre + (t - 1) * slice, d = slopes + (t - 1) * slice
                for k in 0..<slice { da[k] = dh[k] * d[k] }
                let daCast = ws.operand(Self.preactivationGradientOperand, da, firstRow: (t - 1) * n, rows: n, of: steps * n, columns: h, reducing: .columns)
                let wCast = ws.operand(Self.recurrentWeightsOperand, w.baseAddress!, rows: h, columns: h, reducing: .rows)
                MatrixProduct.gemm(.none, .none, m: n, n: h, k: h, alpha: 1, daCast, lda: h, wCast, ldb: h, beta: 0, dh, ldc: h)
                norms[t - 1] = norm(dh)
            }
        }
        let daAll = ws.operand(Self.preactivationGradientOperand, pre, rows: steps * n, columns: h, reducing: .rows)
        gW.withUnsafeMutableBufferPointer { gW in
            let statesCast = ws.operand(.states, states, rows: steps * n, of: (steps + 1) * n, columns: h, reducing: .rows)
            MatrixProduct.gemm(.transposed, .none, m: h, n: h, k: steps * n, alpha: 1, daAll, lda: h, statesCast, ldb: h,
                               beta: 0, gW.baseAddress!, ldc: h)
        }
        if i > 0 {
            gU.withUnsafeMutableBufferPointer { gU in
                batch.inputs.withUnsafeBufferPointer { x in
                    let xCast = ws.operand(.inputs, x.baseAddress!, rows: steps * n, columns: i, reducing: .rows)
                    MatrixProduct.gemm(.transposed, .none, m: h, n: i, k: steps * n, alpha: 1, daAll, lda: h, xCast, ldb: i,
                                       beta: 0, gU.baseAddress!, ldc: i)
                }
            }
        }
        gc.withUnsafeMutableBufferPointer { gc in
            for r in 0..<steps * n {
                let row = pre + r * h
                for k in 0..<h { gc[k] += row[k] }
            }
        }
        return RecurrentGradients(loss: lossValue, gradients: ParameterGroups(names: Self.groupNames, values: [gW, gU, gc, gV, gd]),
                                  stateGradientNorms: norms, outputs: Array(UnsafeBufferPointer(start: out, count: n * o)))
    }

    /// The workspace's buffers (the indices they had before the names): a_t = U·x_t + W·h_{t−1} + c
    /// for every t (then ∂L/∂a_t, in place), h_0…h_T, φ'(a_t) for every t, ∂L/∂h_t of the step being
    /// reversed; y = V·h_T + d, and the backward pass's seed ∂L/∂y (times the loss scale).
    private enum Slot: Int {
        case preactivations, states, slopes, stateGradient
        case outputs = 5, seed
    }

    static var recurrentWeightsOperand: ProductOperand { ProductOperand("W", .weights) }
    static var inputWeightsOperand: ProductOperand { ProductOperand("U", .weights) }
    /// ∂L/∂a_t, the gradient at the recurrent product's output.
    static var preactivationGradientOperand: ProductOperand { ProductOperand("∂L/∂a", .gradients) }

    /// The same network in another precision, each parameter rounded once.
    public func converted<U: GradFloat>(to type: U.Type = U.self) -> ElmanNetwork<U> {
        ElmanNetwork<U>(cell: cell.converted(), readoutWeights: readoutWeights.converted(), readoutBias: readoutBias.map { U($0) },
                        loss: loss, initialState: initialState.map { U($0) })
    }
}
