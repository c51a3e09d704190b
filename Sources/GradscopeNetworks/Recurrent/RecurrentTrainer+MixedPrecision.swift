import GradscopeNumerics
import Foundation

extension RecurrentTrainer {
    /// Mixed-precision training as PyTorch's AMP does it: the master weights and the update stay in
    /// `N.Scalar` (Float32); every step the weights are rounded to `compute`'s format (Float16 or
    /// BFloat16), the forward and backward passes run there (every product and sum rounded to it),
    /// the loss and its seed ∂L/∂y are computed in Float32 (autocast's float32 list), and the
    /// gradients are widened to Float32 and divided by the loss scale S.
    ///
    /// With a `scaler` (``GradScaler``, PyTorch's `GradScaler` semantics) the backward pass starts
    /// from S·∂L/∂y; a step whose unscaled gradients are not finite is skipped (no update) and S
    /// halved, and after `growthInterval` clean steps S doubles. A step whose loss itself is not
    /// finite ends the run (no scale can rescue a forward pass), and so does a master weight
    /// that becomes non-finite; that step is replayed in the compute format, without the scale.
    ///
    /// - Parameter compute: a network of the same kind in the compute format (its weights are replaced every step).
    public func run<C: RecurrentNetwork>(computingIn compute: C, scaler: GradScaler?, trained: inout N,
                                         observer: (RecurrentTrainingStep) -> TrainingControl = { _ in .proceed }) -> RecurrentTrainingRun {
        let problem = RecurrentProblem(task: task, configuration: configuration, network: network, compute: compute, isMixedPrecision: true,
                                       scaling: nil)
        return train(problem, scaler: scaler, trained: &trained, observer: observer)
    }
}
