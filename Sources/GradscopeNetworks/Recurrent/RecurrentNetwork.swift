import GradscopeNumerics
/// A recurrent network trained on whole sequences: a cell unrolled over the inputs, a linear
/// readout `y = V·h_T + d` of the last state, a loss, and backpropagation through time.
///
/// Implemented by ``ElmanNetwork``, ``LSTMNetwork`` and ``GRUNetwork``, which keep their
/// parameters in one ``RecurrentParameters`` value (``ParameterizedRecurrentNetwork``). Parameters
/// are values; the trainer reads them as ``ParameterGroups`` and writes them back after each update.
public protocol RecurrentNetwork<Scalar>: Sendable {
    associatedtype Scalar: GradFloat
    /// "tanh Elman RNN, 32 units"
    var summary: String { get }
    var loss: RecurrentLoss { get }
    var hiddenSize: Int { get }
    /// The parameters as named groups (W, U, c, V, d for an Elman network), in gradient order.
    var parameters: ParameterGroups<Scalar> { get set }

    /// The loss, every parameter's gradient and ‖∂L/∂h_t‖ for t = 0…T, exact (reverse mode).
    /// - Parameter normalizer: the batch size to average over; pass the whole batch's when `batch` is a part of it.
    func lossAndGradients(on batch: SequenceBatch<Scalar>, normalizer: Int, workspace: RecurrentWorkspace<Scalar>) -> RecurrentGradients<Scalar>

    /// The outputs y for every sequence (batch × outputSize), forward only.
    func outputs(for batch: SequenceBatch<Scalar>, workspace: RecurrentWorkspace<Scalar>) -> [Scalar]
}

extension RecurrentNetwork {
    /// The loss, gradients and state-gradient norms of a whole batch (a fresh workspace).
    public func lossAndGradients(on batch: SequenceBatch<Scalar>) -> RecurrentGradients<Scalar> {
        lossAndGradients(on: batch, normalizer: batch.batchSize, workspace: RecurrentWorkspace())
    }

    /// The loss of a batch, forward only.
    public func loss(on batch: SequenceBatch<Scalar>, workspace: RecurrentWorkspace<Scalar> = RecurrentWorkspace()) -> Scalar {
        loss.value(outputs: outputs(for: batch, workspace: workspace), targets: batch.targets, batchSize: batch.batchSize)
    }

    /// The parameters moved against the gradients: `θ ← θ − scale·g` (scale = η, or η·clip/‖g‖ after clipping).
    public mutating func update(along gradients: ParameterGroups<Scalar>, scale: Scalar) {
        var p = parameters
        p.subtract(gradients, scaledBy: scale)
        parameters = p
    }
}

extension RecurrentGradients {
    /// The sum of the gradients of parts of one batch (each computed with the whole batch's normalizer).
    static func sum(_ parts: [RecurrentGradients]) -> RecurrentGradients {
        var total = parts[0]
        for part in parts.dropFirst() {
            total.loss += part.loss
            for g in total.gradients.values.indices {
                for i in total.gradients.values[g].indices { total.gradients.values[g][i] += part.gradients.values[g][i] }
            }
            total.stateGradientNorms = zip(total.stateGradientNorms, part.stateGradientNorms).map { ($0 * $0 + $1 * $1).squareRoot() }
            total.outputs += part.outputs
        }
        return total
    }
}
