import Foundation
import GradscopeCharts
import GradscopeCore

/// `gradscope train`: an Elman RNN, LSTM or GRU on the adding or temporal-order problem,
/// with the gradient through time on view (``RecurrentTrainer``).
///
/// Float32 or Float64; float16/bfloat16 as PyTorch's AMP (Float32 master weights); or FP8
/// training with a scaling recipe (``Scaling``: the inputs of every matrix product cast to
/// FP8, Float32 everything else), reporting per tensor kind what the casts did and each
/// step's scales. A step whose loss, gradient or weights become Inf or NaN ends the run; the
/// step is replayed operation by operation to name the first Inf and NaN (not for a scaled run).
///
/// ```swift
/// var settings = TrainExperiment.Settings()
/// settings.steps = 200
/// let report = try TrainExperiment(settings: settings).run(progress: nil)
/// report.document.finalTestLoss
/// ```
public struct TrainExperiment: Experiment {
    public static let name = "train"
    public let settings: Settings

    /// - Throws: ``SettingsError`` naming the first unusable setting.
    public init(settings: Settings) throws(SettingsError) {
        try settings.validate()
        self.settings = settings
    }

    public func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<Document> {
        try run(progress: progress, observer: nil)
    }

    /// Trains, telling `observer` every step as it happens (the CLI's `--log`).
    /// - Throws: `CancellationError` when `progress` is cancelled (the observer has seen every finished step).
    public func run(progress: (any ExperimentProgress)?, observer: ((RecurrentTrainingStep) -> Void)?) throws -> ExperimentReport<Document> {
        let threads = settings.threadCount(processors: ProcessInfo.processInfo.activeProcessorCount)
        let total = settings.steps
        let (network, run) = train(threads: threads) { step in
            observer?(step)
            progress?.update(stage: "training step", done: step.step, total: total)
            return progress?.isCancelled == true ? .stop : .proceed
        }
        if progress?.isCancelled == true { throw CancellationError() }
        return report(network: network, run: run, threads: threads)
    }

    /// Builds the network from the seed and trains it; returns its summary ("tanh Elman RNN, 64 units") and the run.
    func train(threads: Int, observer: @escaping (RecurrentTrainingStep) -> TrainingControl) -> (String, RecurrentTrainingRun) {
        let task = settings.sequenceTask
        var rng = Xoshiro256StarStar(seed: settings.seed)
        let configuration = RecurrentTrainingConfiguration(
            steps: settings.steps, batchSize: settings.batch,
            sgd: RecurrentSGD(learningRate: settings.learningRate, clipThreshold: settings.clip, method: settings.optimizer == .adam ? .adam() : .sgd),
            seed: settings.seed, testSize: settings.testSize, evaluationInterval: settings.evaluationInterval, threads: threads)
        let runner = Runner(settings: settings, task: task, configuration: configuration, observer: observer)
        switch settings.model {
        case .elman:
            let net = ElmanNetwork<Double>(task: task, hiddenSize: settings.hidden, activation: settings.activation,
                                           initialization: settings.initialization, using: &rng)
            let single = net.converted(to: Float.self)
            return (net.summary, runner.run(float64: net, float32: single, float16: { single.converted(to: Float16.self) },
                                            bfloat16: { single.converted(to: BFloat16.self) }))
        case .lstm:
            let net = LSTMNetwork<Double>(task: task, hiddenSize: settings.hidden, initialization: settings.initialization, using: &rng)
            let single = net.converted(to: Float.self)
            return (net.summary, runner.run(float64: net, float32: single, float16: { single.converted(to: Float16.self) },
                                            bfloat16: { single.converted(to: BFloat16.self) }))
        case .gru:
            let net = GRUNetwork<Double>(task: task, hiddenSize: settings.hidden, initialization: settings.initialization, using: &rng)
            let single = net.converted(to: Float.self)
            return (net.summary, runner.run(float64: net, float32: single, float16: { single.converted(to: Float16.self) },
                                            bfloat16: { single.converted(to: BFloat16.self) }))
        }
    }

    /// One network trained in the settings' precision: Float64, Float32 (optionally FP8-scaled) or mixed 16-bit.
    private struct Runner {
        let settings: Settings
        let task: any SequenceTask
        let configuration: RecurrentTrainingConfiguration
        let observer: (RecurrentTrainingStep) -> TrainingControl

        func run<D: RecurrentNetwork, F: RecurrentNetwork, H: RecurrentNetwork, B: RecurrentNetwork>(
            float64: D, float32: F, float16: () -> H, bfloat16: () -> B) -> RecurrentTrainingRun {
            switch settings.precision {
            case .float64: plain(float64)
            case .float16: mixed(float32, computingIn: float16())
            case .bfloat16: mixed(float32, computingIn: bfloat16())
            default: plain(float32)
            }
        }

        private func trainer<N: RecurrentNetwork>(_ network: N) -> RecurrentTrainer<N> {
            RecurrentTrainer(network: network, task: task, configuration: configuration, scaling: settings.scaling?.recurrentScaling)
        }

        private func plain<N: RecurrentNetwork>(_ network: N) -> RecurrentTrainingRun {
            var trained = network
            return trainer(network).run(trained: &trained, observer: observer)
        }

        private func mixed<N: RecurrentNetwork, C: RecurrentNetwork>(_ network: N, computingIn compute: C) -> RecurrentTrainingRun {
            var trained = network
            return trainer(network).run(computingIn: compute, scaler: settings.gradScaler, trained: &trained, observer: observer)
        }
    }
}
