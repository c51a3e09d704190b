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
public struct ElmanNetwork<T: GradFloat>: ParameterizedRecurrentNetwork, Hashable {
    /// W, U, c, V, d (see ``RecurrentParameters``).
    public var recurrentParameters: RecurrentParameters<T>
    /// φ of the cell.
    public private(set) var activation: Activation
    /// h_0 of every sequence (hiddenSize values; not trained).
    public var initialState: [T]
    public let loss: RecurrentLoss

    public init(cell: ElmanCell<T>, readoutWeights: Matrix<T>, readoutBias: [T], loss: RecurrentLoss, initialState: [T]? = nil) {
        self.init(RecurrentParameters(names: Self.groupNames, gates: 1, recurrentWeights: cell.recurrentWeights, inputWeights: cell.inputWeights,
                                      biases: [cell.bias], readoutWeights: readoutWeights, readoutBias: readoutBias),
                  activation: cell.activation, loss: loss, initialState: initialState)
    }

    public typealias Scalar = T
    public var summary: String { "\(activation.name) Elman RNN, \(recurrentParameters.unitsPhrase)" }

    /// The cell: φ, W, U and c (setting it keeps the sizes).
    public var cell: ElmanCell<T> {
        get { ElmanCell(activation: activation, recurrentWeights: recurrentWeights, inputWeights: inputWeights, bias: recurrentParameters[bias: 0]) }
        set {
            activation = newValue.activation
            recurrentWeights = newValue.recurrentWeights
            inputWeights = newValue.inputWeights
            recurrentParameters[bias: 0] = newValue.bias
        }
    }

    /// Group names, in order.
    public static var groupNames: [String] { ["W", "U", "c", "V", "d"] }

    /// Runs the batch forward: pre-activations, states h_0…h_T, slopes and outputs in their slots.
    /// Returns the outputs.
    public func forwardOutputs(_ batch: SequenceBatch<T>, workspace ws: RecurrentWorkspace<T>) -> UnsafeMutablePointer<T> {
        checkShape(of: batch)
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, o = outputSize
        let slice = n * h
        let pre = ws.buffer(Slot.preactivations, count: steps * slice), states = ws.buffer(Slot.states, count: (steps + 1) * slice)
        let slopes = ws.buffer(Slot.slopes, count: steps * slice), out = ws.buffer(Slot.outputs, count: n * o)
        for b in 0..<n { for k in 0..<h { states[b * h + k] = initialState[k] } }
        recurrentParameters.projectInputs(of: batch, into: pre, operand: recurrentParameters.inputOperand, workspace: ws)
        for t in 1...steps {
            let a = pre + (t - 1) * slice
            recurrentParameters.addRecurrentProduct(states: states, step: t, steps: steps, batch: n, to: a, workspace: ws)
            activation.apply(to: a, value: states + t * slice, slope: slopes + (t - 1) * slice, count: slice)
        }
        recurrentParameters.readout(states: states, steps: steps, batch: n, into: out, workspace: ws)
        return out
    }

    public func lossAndGradients(on batch: SequenceBatch<T>, normalizer: Int, workspace ws: RecurrentWorkspace<T>) -> RecurrentGradients<T> {
        let out = forwardOutputs(batch, workspace: ws)
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, o = outputSize
        let slice = n * h
        let pre = ws.buffer(Slot.preactivations, count: steps * slice), states = ws.buffer(Slot.states, count: (steps + 1) * slice)
        let slopes = ws.buffer(Slot.slopes, count: steps * slice), dh = ws.buffer(Slot.stateGradient, count: slice), seed = ws.buffer(Slot.seed, count: n * o)
        var (lossValue, readout, norms) = recurrentParameters.readoutBackward(loss: loss, batch: batch, normalizer: normalizer, outputs: out,
                                                                              states: states, seed: seed, stateGradient: dh, workspace: ws)
        for t in stride(from: steps, to: 0, by: -1) {
            let da = pre + (t - 1) * slice, d = slopes + (t - 1) * slice
            for k in 0..<slice { da[k] = dh[k] * d[k] }
            norms[t - 1] = recurrentParameters.backRecurrentProduct(da, Self.preactivationGradientOperand, step: t, steps: steps, batch: n, into: dh, workspace: ws)
        }
        return recurrentParameters.gradients(loss: lossValue, readout: readout, norms: norms, outputs: out, recurrent: pre, Self.preactivationGradientOperand,
                                             input: pre, Self.preactivationGradientOperand, states: states, batch: batch, workspace: ws)
    }

    /// The workspace's buffers (the indices they had before the names): a_t = U·x_t + W·h_{t−1} + c
    /// for every t (then ∂L/∂a_t, in place), h_0…h_T, φ'(a_t) for every t, ∂L/∂h_t of the step being
    /// reversed; y = V·h_T + d, and the backward pass's seed ∂L/∂y (times the loss scale).
    private enum Slot: Int {
        case preactivations, states, slopes, stateGradient
        case outputs = 5, seed
    }

    /// ∂L/∂a_t, the gradient at the recurrent product's output.
    static var preactivationGradientOperand: ProductOperand { ProductOperand("∂L/∂a", .gradients) }

    /// The same network in another precision, each parameter rounded once.
    public func converted<U: GradFloat>(to type: U.Type = U.self) -> ElmanNetwork<U> {
        ElmanNetwork<U>(recurrentParameters.converted(), activation: activation, loss: loss, initialState: initialState.map { U($0) })
    }

    /// A network holding `parameters` (W, U, c, V, d; the names are checked) with φ = `activation`
    /// and h_0 = `initialState` (zeros when nil).
    init(_ parameters: RecurrentParameters<T>, activation: Activation, loss: RecurrentLoss, initialState: [T]? = nil) {
        parameters.checkNames(Self.groupNames)
        precondition(initialState.map { $0.count == parameters.hiddenSize } ?? true, "h_0 needs \(parameters.hiddenSize) values.")
        self.recurrentParameters = parameters
        self.activation = activation
        self.loss = loss
        self.initialState = initialState ?? [T](repeating: 0, count: parameters.hiddenSize)
    }
}
