import GradscopeNumerics
/// A network gradient descent can train: parameters in named groups (one per layer or
/// named parameter), and a loss with its exact gradients in any precision.
///
/// Every operation of ``lossAndGradients(_:data:lossScale:probe:)`` is rounded to `T` and
/// passed to the probe, so a training run can name the first operation that overflowed.
/// The networks are values; their parameters live outside, in ``ParameterGroups``.
public protocol TrainableNetwork: Sendable {
    /// One name per parameter group, e.g. "layer 1" … "layer L", or "w", "b".
    var groupNames: [String] { get }

    /// The name of one scalar parameter: `w_3`, `b_3`, `W_2[1,4]`.
    func parameterName(group: Int, index: Int) -> String

    /// The starting parameters, in Double (random ones drawn from `generator`).
    func initialParameters<G: RandomNumberGenerator>(using generator: inout G) -> ParameterGroups<Double>

    /// The parameters with every weight matrix re-drawn by `initializer` (``Initializer/scaled(by:)``
    /// multiplies the given ones); biases are kept. Nil when the initialiser does not fit the network.
    func reinitialized<G: RandomNumberGenerator>(_ parameters: ParameterGroups<Double>, with initializer: Initializer,
                                                using generator: inout G) -> ParameterGroups<Double>?

    /// The same network with another activation in its hidden layers, or nil if it has none to change.
    func replacingActivation(with activation: Activation) -> (any TrainableNetwork)?

    /// A short description: "tanh chain, 50 layers".
    var summary: String { get }

    /// The mean squared error `L = (1/n)·Σ (y_i − t_i)²` and its gradient for every
    /// parameter, back-propagated from the seed `∂L/∂y_i · lossScale` (loss scaling as AMP
    /// does it; pass 1 for plain training). The loss returned is not scaled.
    func lossAndGradients<T: GradFloat>(_ parameters: ParameterGroups<T>, data: RegressionData, lossScale: T,
                                        probe: inout OperationProbe) -> (loss: T, gradients: ParameterGroups<T>)
}
