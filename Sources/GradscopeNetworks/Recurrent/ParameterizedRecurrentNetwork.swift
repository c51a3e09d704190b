import GradscopeNumerics
/// A recurrent network whose trained numbers live in one ``RecurrentParameters`` value
/// (``ElmanNetwork``, ``LSTMNetwork``, ``GRUNetwork``): its ``RecurrentNetwork/parameters``,
/// sizes, weight matrices and readout are read and written through it, written once here.
/// The gated ones (LSTM, GRU) are also ``GatedRecurrentNetwork``s, which draw a fresh network for a task.
public protocol ParameterizedRecurrentNetwork: RecurrentNetwork {
    /// The weights and biases in gradient order, the readout V and d last.
    var recurrentParameters: RecurrentParameters<Scalar> { get set }

    /// Runs `batch` forward, leaving in `workspace` what the backward pass needs, and returns the
    /// outputs y (batch × O) in the workspace's memory: valid until the workspace is used again.
    /// ``RecurrentNetwork/outputs(for:workspace:)`` copies them out.
    func forwardOutputs(_ batch: SequenceBatch<Scalar>, workspace: RecurrentWorkspace<Scalar>) -> UnsafeMutablePointer<Scalar>
}

extension ParameterizedRecurrentNetwork {
    /// The groups in gradient order; setting refuses groups of another shape, naming the group.
    public var parameters: ParameterGroups<Scalar> {
        get { recurrentParameters.groups }
        set { recurrentParameters.groups = newValue }
    }

    /// The outputs y for every sequence (batch × outputSize), forward only.
    public func outputs(for batch: SequenceBatch<Scalar>, workspace: RecurrentWorkspace<Scalar>) -> [Scalar] {
        Array(UnsafeBufferPointer(start: forwardOutputs(batch, workspace: workspace), count: batch.batchSize * outputSize))
    }

    /// H.
    public var hiddenSize: Int { recurrentParameters.hiddenSize }
    /// I, the inputs per time step.
    public var inputSize: Int { recurrentParameters.inputSize }
    /// O, the outputs of the readout.
    public var outputSize: Int { recurrentParameters.outputSize }

    /// The recurrent weights (W, Wh), `G·H × H`.
    public var recurrentWeights: Matrix<Scalar> {
        get { recurrentParameters.recurrentWeights }
        set { recurrentParameters.recurrentWeights = newValue }
    }

    /// The input weights (U, Wx), `G·H × I`.
    public var inputWeights: Matrix<Scalar> {
        get { recurrentParameters.inputWeights }
        set { recurrentParameters.inputWeights = newValue }
    }

    /// V, `outputSize × hiddenSize`.
    public var readoutWeights: Matrix<Scalar> {
        get { recurrentParameters.readoutWeights }
        set { recurrentParameters.readoutWeights = newValue }
    }

    /// d, `outputSize` values.
    public var readoutBias: [Scalar] {
        get { recurrentParameters.readoutBias }
        set { recurrentParameters.readoutBias = newValue }
    }

    /// Refuses a batch of other input or output sizes than the network's, with a sentence saying both.
    func checkShape(of batch: SequenceBatch<Scalar>) {
        precondition(batch.inputSize == inputSize && batch.outputSize == outputSize,
                     "The network takes \(inputSize) inputs and gives \(outputSize) outputs; the batch has \(batch.inputSize) and \(batch.outputSize).")
    }
}
