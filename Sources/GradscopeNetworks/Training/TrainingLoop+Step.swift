import GradscopeNumerics

/// What one step of a ``TrainingLoop`` did, for the problem to report.
public struct StepOutcome<T: GradFloat> {
    /// 1-based.
    public var step: Int
    public var isLastStep: Bool
    /// The loss at the parameters before the update (not multiplied by the loss scale).
    public var loss: Double
    /// ∂L/∂θ, unscaled (after AMP's division by the loss scale), before clipping.
    public var gradients: ParameterGroups<T>
    /// ‖g‖ as the ``UpdateRule/NormMeasure`` measures it, before clipping.
    public var gradientNorm: T
    /// ‖g_k‖ for each group (``UpdateRule/NormMeasure/perGroup`` only).
    public var groupGradientNorms: [T]?
    /// The loss scale S of this step's backward pass; nil without a ``GradScaler``.
    public var lossScale: Double?
    /// Whether the GradScaler skipped the update (a gradient was Inf or NaN).
    public var skipped: Bool
    /// Whether clipping rescaled the gradients.
    public var clipped: Bool
    /// Whether the step stayed finite: a finite loss and, unless skipped, a finite norm and finite parameters after the update.
    public var isFinite: Bool
}

extension TrainingLoop {
    /// One step: the problem's loss and gradients, AMP's unscaling and skip, the update, the scaler's update.
    mutating func take(step: Int, on inputs: Problem.Inputs, optimizerState: OptimizerState<Problem.Scalar>) -> StepOutcome<Problem.Scalar> {
        let lossScale = gradScaler?.scale
        var (loss, gradients) = problem.lossAndGradients(on: inputs, step: step, lossScale: lossScale)
        if let lossScale {
            let inverse = Problem.Scalar(Float(1 / lossScale))
            gradients = gradients.map { $0 * inverse }
        }
        let keepsParameters = problem.keepsParametersAfterNonFiniteLoss && !loss.isFinite
        let skipped = lossScale != nil && !keepsParameters && !gradients.isFinite
        let rule = self.rule
        let (norm, groupNorms) = rule.measure(gradients)
        var clipped = false
        if !skipped && !keepsParameters {
            clipped = rule.update(along: gradients, norm: norm, state: optimizerState) { problem.update(along: $0, scale: $1) }
        }
        gradScaler?.update(foundNonFinite: skipped)
        let isFinite = loss.isFinite && (skipped || (norm.isFinite && problem.parametersAreFinite))
        return StepOutcome(step: step, isLastStep: step == steps, loss: loss, gradients: gradients, gradientNorm: norm,
                           groupGradientNorms: groupNorms, lossScale: lossScale, skipped: skipped, clipped: clipped, isFinite: isFinite)
    }
}
