import GradscopeNumerics
/// What one step of gradient descent reports to the observer.
///
/// Norms are 2-norms as ``ParameterGroups/norm(type:)`` computes them; gradients are
/// unscaled (after AMP's division by the loss scale) and taken before clipping, as
/// `clip_grad_norm_` returns them. Parameters are measured after the update.
public struct TrainingStep: Hashable, Sendable, Codable {
    /// 1-based.
    public var step: Int
    /// The loss at the parameters before this step's update (not multiplied by the loss scale).
    public var loss: Double
    /// ‖∂L/∂θ‖ over all parameters.
    public var gradientNorm: Double
    /// ‖∂L/∂θ_g‖ for each group (layer), first to last.
    public var layerGradientNorms: [Double]
    /// ‖θ‖ after the update.
    public var parameterNorm: Double
    /// ‖θ_g‖ after the update, for each group.
    public var layerParameterNorms: [Double]
    /// Whether every parameter is finite after the update (a norm can overflow when they all are).
    public var parametersFinite: Bool
    /// AMP's loss scale S used for this step's backward pass; nil without loss scaling.
    public var lossScale: Double?
    /// Whether AMP skipped the update because a gradient was Inf or NaN.
    public var skipped: Bool
    /// Under a per-tensor scaling recipe (``ScaledTrainer``): the scale s of each narrow cast of
    /// this step, by tensor (`W_2`, `y_1`, `∂L/∂a_3`); nil otherwise (and for MX's block scales).
    public var castScales: [String: Float]?

    public init(step: Int, loss: Double, gradientNorm: Double, layerGradientNorms: [Double], parameterNorm: Double,
                layerParameterNorms: [Double], parametersFinite: Bool, lossScale: Double? = nil, skipped: Bool = false) {
        self.step = step
        self.loss = loss
        self.gradientNorm = gradientNorm
        self.layerGradientNorms = layerGradientNorms
        self.parameterNorm = parameterNorm
        self.layerParameterNorms = layerParameterNorms
        self.parametersFinite = parametersFinite
        self.lossScale = lossScale
        self.skipped = skipped
    }

    /// Whether this step went bad: a non-finite loss, a non-finite gradient that was used
    /// (AMP's skipped steps do not count), or non-finite parameters after the update.
    public var isNonFinite: Bool {
        !loss.isFinite || (!skipped && !gradientNorm.isFinite) || !parametersFinite
    }
}

/// What an observer tells the trainer after each step.
public enum TrainingControl: Sendable {
    case proceed
    /// Stop after this step (e.g. the user pressed Ctrl-C).
    case stop
}

extension TrainingStep {
    /// The report of a ``TrainingLoop`` step measured with per-group norms, `parameters` after its update.
    init<T: GradFloat>(_ outcome: StepOutcome<T>, parameters: ParameterGroups<T>) {
        self.init(step: outcome.step, loss: outcome.loss, gradientNorm: Double(outcome.gradientNorm),
                  layerGradientNorms: (outcome.groupGradientNorms ?? []).map { Double($0) }, parameterNorm: Double(parameters.norm()),
                  layerParameterNorms: parameters.groupNorms().map { Double($0) }, parametersFinite: parameters.isFinite,
                  lossScale: outcome.lossScale, skipped: outcome.skipped)
    }
}
