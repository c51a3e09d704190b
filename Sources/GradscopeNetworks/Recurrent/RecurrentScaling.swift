import GradscopeNumerics

/// FP8 training of a recurrent network (``RecurrentTrainer/scaling``): the inputs of every
/// matrix product are cast with `recipe` (``RecurrentProductCast``), weights and activations to
/// `forwardFormat`, gradients to `backwardFormat`; everything else stays in the network's Float32.
///
/// The backward format is float8_e5m2 when the forward one is float8_e4m3fn (Transformer Engine's
/// HYBRID), otherwise the forward one. A format of nil is the exact stand-in (no rounding) that
/// tests use to show that the hooks change nothing by themselves.
public struct RecurrentScaling: Hashable, Sendable {
    public var recipe: ScalingRecipe
    public var forwardFormat: NarrowFormat?
    public var backwardFormat: NarrowFormat?
    /// Multiplies the inputs x of one step's batch by a factor: a spike the amax history has not seen.
    public var spike: ScaledTrainingConfiguration.Spike?

    public init(recipe: ScalingRecipe, format: NarrowFormat = .float8E4M3FN, spike: ScaledTrainingConfiguration.Spike? = nil) {
        self.recipe = recipe
        forwardFormat = format
        backwardFormat = format.exponentBitCount == 4 && format.bitCount == 8 ? NarrowFormat.float8E5M2.with(overflow: format.overflow) : format
        self.spike = spike
    }

    /// The hooks without rounding: every cast passes its values unchanged.
    public static func exact(recipe: ScalingRecipe = .none) -> RecurrentScaling {
        var scaling = RecurrentScaling(recipe: recipe)
        scaling.forwardFormat = nil
        scaling.backwardFormat = nil
        return scaling
    }

    /// A fresh cast for one run.
    func makeCast<T: GradFloat>(_: T.Type = T.self) -> RecurrentProductCast<T> {
        RecurrentProductCast(recipe: recipe, forwardFormat: forwardFormat, backwardFormat: backwardFormat)
    }

    /// `batch` with its inputs multiplied by the spike's factor when `step` is the spike's step.
    func spiked<T: GradFloat>(_ batch: SequenceBatch<T>, step: Int) -> SequenceBatch<T> {
        guard let spike, spike.step == step else { return batch }
        var spiked = batch
        let factor = T(spike.factor)
        spiked.inputs = batch.inputs.map { $0 * factor }
        return spiked
    }
}

/// What the casts of a scaled run did: per kind of tensor, over every step.
public struct RecurrentCastSummary: Hashable, Sendable {
    public var recipe: ScalingRecipe
    public var forwardFormat: NarrowFormat?
    public var backwardFormat: NarrowFormat?
    public var counts: [TensorKind: CastCounts]
    /// Non-finite amaxes skipped (delayed), MX padding.
    public var events: [String]
}
