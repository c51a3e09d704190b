import GradscopeNumerics
/// Gradient clipping applied before each update (see ``UpdateRule``).
public enum GradientClipping: Hashable, Sendable {
    /// By the total norm of order `type`, with the one ``NormClipping``: its rule decides the ε and
    /// when it acts (PyTorch's `clip_grad_norm_`, or Pascanu's Algorithm 1, which measures the 2-norm).
    case norm(NormClipping, type: Double = 2)
    /// ``ParameterGroups/clipGradValue(_:)``.
    case value(Double)

    /// PyTorch's ``ParameterGroups/clipGradNorm(maxNorm:normType:errorIfNonfinite:)`` (non-finite norms scale, no error).
    public static func norm(max: Double, type: Double = 2) -> GradientClipping {
        .norm(.pytorch(maxNorm: max), type: type)
    }
}

/// How gradient descent runs: `θ ← θ − η·g` for `steps` full-batch steps.
public struct TrainingConfiguration: Hashable, Sendable {
    public var steps: Int
    /// The learning rate η.
    public var learningRate: Double
    public var clipping: GradientClipping?
    /// Set for mixed precision as AMP: forward and backward in the run's (16-bit) precision,
    /// Float32 master weights and update, dynamic loss scaling.
    public var gradScaler: GradScaler?
    /// Stop after the first step whose loss is NaN (nothing can recover from it).
    public var stopsAtNaNLoss: Bool

    public init(steps: Int, learningRate: Double, clipping: GradientClipping? = nil, gradScaler: GradScaler? = nil, stopsAtNaNLoss: Bool = true) {
        precondition(steps >= 1, "Training needs at least one step.")
        self.steps = steps
        self.learningRate = learningRate
        self.clipping = clipping
        self.gradScaler = gradScaler
        self.stopsAtNaNLoss = stopsAtNaNLoss
    }
}
