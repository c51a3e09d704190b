import ArgumentParser
import GradscopeCore

extension TrainCommand {
    /// `--loss-scale`: GradScaler's dynamic loss scaling, or none; `auto` is dynamic for float16, none otherwise.
    enum LossScaling: String, CaseIterable, ExpressibleByArgument { case auto, dynamic, none }

    /// Whether the run is mixed precision (Float32 master weights, 16-bit forward and backward).
    var isMixedPrecision: Bool { precision == .float16 || precision == .bfloat16 }

    /// The scaler of a 16-bit run: PyTorch's defaults (S = 2^16, ×0.5 on Inf/NaN, ×2 after 2000 clean steps).
    var gradScaler: GradScaler? {
        switch lossScale {
        case .dynamic: GradScaler()
        case .none: nil
        case .auto: precision == .float16 ? GradScaler() : nil
        }
    }

    /// "Float16 (mixed: Float32 master weights, dynamic loss scale)" or the format's name.
    var precisionText: String {
        guard isMixedPrecision else { return precision.displayName }
        return "\(precision.displayName) (mixed: Float32 master weights, \(gradScaler == nil ? "no loss scaling" : "dynamic loss scale"))"
    }

    /// Trains in `N`'s format, or, for --precision float16/bfloat16, mixed (``RecurrentTrainer/run(computingIn:scaler:trained:observer:)``).
    func mixedRun<N: RecurrentNetwork, H: RecurrentNetwork, B: RecurrentNetwork>(
        _ trainer: RecurrentTrainer<N>, trained: inout N, float16: @autoclosure () -> H, bfloat16: @autoclosure () -> B,
        observer: (RecurrentTrainingStep) -> TrainingControl) -> RecurrentTrainingRun {
        switch precision {
        case .float16: trainer.run(computingIn: float16(), scaler: gradScaler, trained: &trained, observer: observer)
        case .bfloat16: trainer.run(computingIn: bfloat16(), scaler: gradScaler, trained: &trained, observer: observer)
        default: trainer.run(trained: &trained, observer: observer)
        }
    }

    /// "GradScaler skipped 3 of 200 steps (gradients Inf/NaN); loss scale 8192 at the end." for a scaled run.
    static func scalerNote(_ run: RecurrentTrainingRun) -> String? {
        guard let last = run.steps.last, let scale = last.lossScale else { return nil }
        let skipped = run.steps.filter { $0.skipped == true }.map(\.step)
        let list = skipped.prefix(10).map(String.init).joined(separator: ", ") + (skipped.count > 10 ? ", …" : "")
        return "GradScaler skipped \(skipped.count) of \(run.steps.count) step\(run.steps.count == 1 ? "" : "s")\(skipped.isEmpty ? "" : " (\(list): gradients Inf/NaN, no update)"); loss scale \(NumberText.short(scale)) at the last step."
    }
}
