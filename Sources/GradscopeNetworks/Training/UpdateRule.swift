import GradscopeNumerics

/// What a training step does with its gradients once they are known: measure them, clip them,
/// and move the parameters — the update stage of ``TrainingLoop``, and of ``RecurrentSGD`` on its own.
///
///     ‖g‖                      (``NormMeasure``: PyTorch's per-group norms, or squares summed in Double)
///     c = clip(‖g‖)            (``GradientClipping``: the one ``NormClipping``, or a clamp by value)
///     SGD:   θ ← θ − s·d       with d = c·g, s = η       (``NormClipping/Rule/clampedAlways``: PyTorch multiplies g)
///                              or  d = g,   s = η·c      (``NormClipping/Rule/aboveThreshold``: Pascanu, one step size)
///     Adam:  d = m̂/(√v̂ + ε) of c·g,  s = η              (Kingma & Ba 2015)
///
/// `s` is rounded once to the parameters' precision, then `s·d` and `θ − s·d` are each rounded:
/// two roundings per parameter, as `torch.optim.SGD` does with `θ.add_(g, alpha: −η)` written out.
/// NaN and ±Inf propagate: a NaN norm makes PyTorch's coefficient NaN (every gradient NaN) and leaves
/// Pascanu's rule unapplied; an infinite norm gives the coefficient 0.
public struct UpdateRule: Hashable, Sendable {
    /// Plain SGD, or Adam with its moment estimates (kept in an ``OptimizerState``).
    public enum Method: Hashable, Sendable {
        case sgd
        case adam(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8)
    }

    /// How the reported gradient norm ‖g‖ is computed.
    public enum NormMeasure: Hashable, Sendable {
        /// `‖(‖g_1‖, …, ‖g_n‖)‖` in the gradients' precision (Float32 sums for 16-bit formats), as
        /// `clip_grad_norm_` computes it; the group norms are reported too. A Float32 gradient of 1e20 has norm +Inf.
        case perGroup
        /// `√(Σ g²)` with the squares summed in Double, rounded once to the gradients' precision:
        /// a Float gradient of 1e20 has the norm 1e20.
        case summedInDouble
    }

    /// η.
    public var learningRate: Double
    public var clipping: GradientClipping?
    public var method: Method
    public var normMeasure: NormMeasure

    public init(learningRate: Double, clipping: GradientClipping? = nil, method: Method = .sgd, normMeasure: NormMeasure = .perGroup) {
        self.learningRate = learningRate
        self.clipping = clipping
        self.method = method
        self.normMeasure = normMeasure
    }

    /// The gradients' norm as ``normMeasure`` says, and for ``NormMeasure/perGroup`` each group's norm.
    public func measure<T: GradFloat>(_ gradients: ParameterGroups<T>) -> (norm: T, groupNorms: [T]?) {
        switch normMeasure {
        case .perGroup:
            let groupNorms = gradients.groupNorms()
            return (ParameterGroups<T>.norm(of: groupNorms, type: 2), groupNorms)
        case .summedInDouble:
            return (T(Self.sumOfSquaresInDouble(gradients).squareRoot()), nil)
        }
    }

    /// `Σ g²` over every group, each square and sum in Double.
    static func sumOfSquaresInDouble<T: GradFloat>(_ gradients: ParameterGroups<T>) -> Double {
        var sum = 0.0
        for group in gradients.values {
            group.withUnsafeBufferPointer { xs in for x in xs { sum += Double(x) * Double(x) } }
        }
        return sum
    }

    /// Clips and applies one step: hands `apply` the direction d and the step size s of `θ ← θ − s·d`.
    ///
    /// - Parameters:
    ///   - gradients: ∂L/∂θ, unscaled.
    ///   - norm: their norm as ``measure(_:)`` gave it (Pascanu's rule compares it with the threshold).
    ///   - state: Adam's moments (ignored by SGD); pass the same state every step.
    ///   - apply: `θ ← θ − s·d` wherever the parameters live; called once.
    /// - Returns: whether clipping rescaled the gradients (PyTorch's rule: its coefficient was not 1).
    @discardableResult
    public func update<T: GradFloat>(along gradients: ParameterGroups<T>, norm: T, state: OptimizerState<T>,
                                     apply: (_ direction: ParameterGroups<T>, _ scale: T) -> Void) -> Bool {
        var direction = gradients
        var stepFactor: Double?   // Pascanu's c, folded into the step size
        var clipped = false
        switch clipping {
        case .norm(let rule, let type)?:
            switch rule.rule {
            case .clampedAlways:
                let coefficient = rule.coefficient(forNorm: type == 2 && normMeasure == .perGroup ? norm : gradients.norm(type: type))!
                direction.scale(by: coefficient)
                clipped = coefficient != 1
            case .aboveThreshold:
                stepFactor = rule.coefficient(forNorm: Double(norm))
                clipped = stepFactor != nil
            }
        case .value(let clipValue)?:
            direction.clipGradValue(clipValue)
            clipped = direction != gradients
        case nil:
            break
        }
        switch method {
        case .sgd:
            apply(direction, T(learningRate * (stepFactor ?? 1)))
        case .adam(let beta1, let beta2, let epsilon):
            let factor = stepFactor.map { T($0) } ?? 1
            apply(state.adamDirection(direction, factor: factor, beta1: beta1, beta2: beta2, epsilon: epsilon), T(learningRate))
        }
        return clipped
    }
}

extension ParameterGroups {
    /// `θ ← θ − scale·d`, two roundings per parameter (the product, then the difference).
    public mutating func subtract(_ direction: ParameterGroups<T>, scaledBy scale: T) {
        for g in values.indices {
            values[g].withUnsafeMutableBufferPointer { theta in
                direction.values[g].withUnsafeBufferPointer { d in
                    for i in theta.indices { theta[i] -= scale * d[i] }
                }
            }
        }
    }

    /// Every number multiplied by `factor` (rounded to `T`).
    mutating func scale(by factor: T) {
        for g in values.indices {
            for i in values[g].indices { values[g][i] *= factor }
        }
    }
}
