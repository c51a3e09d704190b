import GradscopeNumerics
/// What backpropagation through time returns for one batch.
public struct RecurrentGradients<T: GradFloat>: Sendable {
    /// The loss of the batch (see ``RecurrentLoss``).
    public var loss: T
    /// ∂L/∂θ for every parameter group, in the network's group order.
    public var gradients: ParameterGroups<T>
    /// ‖∂L/∂h_t‖ for t = 0…T: the Frobenius norm over the batch of the loss gradient with
    /// respect to the state at time t (t = 0 is the initial state), accumulated in Double.
    /// Its decay from t = T towards t = 0 is the vanishing gradient; its growth, the exploding one.
    public var stateGradientNorms: [Double]
    /// The outputs y (batch × outputSize).
    public var outputs: [T]
}
