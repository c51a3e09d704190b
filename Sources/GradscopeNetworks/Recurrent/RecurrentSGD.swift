import GradscopeNumerics

/// Mini-batch stochastic gradient descent with Pascanu's norm clipping (Algorithm 1):
///
///     g = ∂L/∂θ (BPTT),   ‖g‖ over every parameter
///     if clip set and ‖g‖ > clip:  g ← (clip/‖g‖)·g
///     θ ← θ − η·g                      (one scale s = η or η·clip/‖g‖ rounded to the precision, then θ − s·g)
///
/// or, with ``Method/adam(beta1:beta2:epsilon:)`` (Kingma & Ba 2015), on the clipped g:
///
///     m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  θ ← θ − η·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)
///
/// Unlike `torch.nn.utils.clip_grad_norm_` there is no `+1e−6` in the divisor and no scaling
/// below the threshold, as in the paper (and in the W3 peers): ``NormClipping/pascanu(threshold:)``. The clipping and the
/// update are ``UpdateRule``'s (``rule``), the stage ``TrainingLoop`` runs for every trainer. A batch may come split in
/// parts (contiguous groups of sequences); the parts run concurrently (``ParallelGrid``), one per CPU, each with
/// its own workspace, and their gradients add up to the whole batch's.
///
/// Reference: [Pascanu, Mikolov & Bengio 2013](https://arxiv.org/abs/1211.5063), Algorithm 1.
public struct RecurrentSGD: Hashable, Sendable {
    /// η.
    public var learningRate: Double
    /// The clipping threshold; nil for none.
    public var clipThreshold: Double?
    public var method: Method

    /// Plain SGD, or Adam with its moment estimates (kept in an ``OptimizerState``).
    public typealias Method = UpdateRule.Method

    /// The update stage this optimiser runs (also ``TrainingLoop``'s for recurrent training): Pascanu's
    /// clipping, ‖g‖ with the squares summed in Double.
    public var rule: UpdateRule {
        UpdateRule(learningRate: learningRate, clipping: clipThreshold.map { .norm(.pascanu(threshold: $0)) }, method: method,
                   normMeasure: .summedInDouble)
    }

    public init(learningRate: Double, clipThreshold: Double? = nil, method: Method = .sgd) {
        self.method = method
        precondition(learningRate > 0 && learningRate.isFinite, "The learning rate must be positive.")
        precondition(clipThreshold.map { $0 > 0 } ?? true, "The clipping threshold must be positive.")
        self.learningRate = learningRate
        self.clipThreshold = clipThreshold
    }

    /// What one step did.
    public struct Report<T: GradFloat>: Sendable {
        /// Loss and gradients at the parameters before the update (the gradients before clipping).
        public var result: RecurrentGradients<T>
        /// ‖g‖ before clipping.
        public var gradientNorm: T
        /// Whether the step was rescaled.
        public var clipped: Bool
    }

    /// One step on a batch given as parts (one part: no threads).
    @_specialize(where N == ElmanNetwork<Double>)
    @_specialize(where N == ElmanNetwork<Float>)
    @_specialize(where N == LSTMNetwork<Double>)
    @_specialize(where N == LSTMNetwork<Float>)
    /// - Parameter state: Adam's moments (ignored by SGD); pass the same state every step.
    public func step<N: RecurrentNetwork>(_ network: inout N, on parts: [SequenceBatch<N.Scalar>],
                                          workspaces: [RecurrentWorkspace<N.Scalar>],
                                          state: OptimizerState<N.Scalar> = OptimizerState()) -> Report<N.Scalar> {
        apply(Self.lossAndGradients(network, on: parts, workspaces: workspaces), to: &network, state: state)
    }

    /// The update of one step from gradients already computed (clipping, then SGD or Adam).
    public func apply<N: RecurrentNetwork>(_ result: RecurrentGradients<N.Scalar>, to network: inout N,
                                           state: OptimizerState<N.Scalar> = OptimizerState()) -> Report<N.Scalar> {
        let rule = self.rule
        let norm = rule.measure(result.gradients).norm
        let clipped = rule.update(along: result.gradients, norm: norm, state: state) { network.update(along: $0, scale: $1) }
        return Report(result: result, gradientNorm: norm, clipped: clipped)
    }

    /// The gradients of a batch given in parts, the parts concurrently.
    @_specialize(where N == ElmanNetwork<Double>)
    @_specialize(where N == ElmanNetwork<Float>)
    @_specialize(where N == LSTMNetwork<Double>)
    @_specialize(where N == LSTMNetwork<Float>)
    public static func lossAndGradients<N: RecurrentNetwork>(_ network: N, on parts: [SequenceBatch<N.Scalar>],
                                                             workspaces: [RecurrentWorkspace<N.Scalar>]) -> RecurrentGradients<N.Scalar> {
        precondition(!parts.isEmpty && workspaces.count >= parts.count, "One workspace per part is needed.")
        let total = parts.reduce(0) { $0 + $1.batchSize }
        if parts.count == 1 { return network.lossAndGradients(on: parts[0], normalizer: total, workspace: workspaces[0]) }
        let results = ParallelGrid.map(parts.count) { k in
            network.lossAndGradients(on: parts[k], normalizer: total, workspace: workspaces[k])
        }
        return RecurrentGradients.sum(results)
    }

    /// ‖g‖ over every group, the squares summed in Double: a Float gradient of 1e20 has the
    /// norm 1e20, not the +Inf of a Float sum of squares (the run stops only when a value is
    /// really non-finite, or its norm exceeds the format).
    static func norm<T: GradFloat>(_ g: ParameterGroups<T>) -> Double {
        UpdateRule.sumOfSquaresInDouble(g).squareRoot()
    }

    /// A batch split into `count` contiguous parts of nearly equal size.
    public static func split<T>(_ batch: SequenceBatch<T>, into count: Int) -> [SequenceBatch<T>] {
        let n = max(1, min(count, batch.batchSize))
        if n == 1 { return [batch] }
        return (0..<n).map { k in batch.sequences(k * batch.batchSize / n..<(k + 1) * batch.batchSize / n) }
    }
}

/// The optimiser state recurrent training carried before ``TrainingLoop`` served every trainer.
public typealias RecurrentOptimizerState<T: GradFloat> = OptimizerState<T>
