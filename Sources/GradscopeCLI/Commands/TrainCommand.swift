import ArgumentParser
import Foundation
import GradscopeCore
import GradscopeGallery

/// `gradscope train`: an RNN on a long-range task, with the gradient through time on view
/// (``TrainExperiment``): flags → settings → run → print, `--out`, `--log`.
struct TrainCommand: ExperimentCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an Elman RNN, an LSTM or a GRU on the adding or temporal-order problem and watch the gradient through time.",
        discussion: """
        Mini-batch SGD (a fresh seeded batch every step) with optional norm clipping (Pascanu et al.'s \
        Algorithm 1: if ‖g‖ > clip, g ← clip·g/‖g‖). Every run is reported against the task's trivial \
        baseline: MSE 1/6 for the adding problem, cross-entropy log 4 for the temporal-order problem.

        Initialisations (--init): sigmoid (all N(0, 0.01²)), basic-tanh (all N(0, 0.1²)), smart-tanh \
        (sparse W, 15 inputs per unit, ρ = 0.95), irnn (W = I, for relu), or xavier, he, orthogonal, identity[:S], normal:S.

        FP8 training (--scaling none|current|delayed|mx): the inputs of every matrix product (input weights × x, \
        recurrent weights × h, the readout, and in backward the gradients) are cast to --scaling-format \
        (float8_e4m3fn; gradients float8_e5m2, Transformer Engine's HYBRID) with the recipe's scale; products \
        accumulate in Float32 and everything else, the master weights included, stays Float32. current: \
        s = max/amax·2^−margin at each cast; delayed: from the largest amax of the last --history steps; mx: one \
        power-of-two scale per 32 values along each product's reduction dimension (a shorter one is padded with \
        zeros, and the run says so). The text gives, per tensor kind, the share of values that overflowed, \
        flushed to zero or were subnormal; --log adds each step's scales.

        --log writes one CSV row per step as it happens: step, loss, grad_norm, clipped, test_loss, test_accuracy and \
        dl_dh_0 … dl_dh_T (‖∂L/∂h_t‖), then scale_<tensor> for a scaled run; Ctrl-C finishes the current row and \
        exits with status 130. A step whose loss, gradient or weights become Inf or NaN stops the run, and the \
        step is replayed operation by operation to name the first Inf and NaN (time step, operation, cause).

        Example: gradscope train --task adding --length 100 --model elman --activation relu --init irnn --clip 1 --lr 0.01 --steps 3000
        """
    )

    @Option(help: "The task: adding or order (temporal order).")
    var task: TrainExperiment.Task = .adding
    @Option(help: "Sequence length T.")
    var length = 100
    @Option(help: "The network: elman, lstm or gru.")
    var model: TrainExperiment.Model = .elman
    @Option(help: "Hidden units.")
    var hidden = 64
    @Option(help: "Elman activation: tanh, sigmoid, relu or linear.")
    var activation = "tanh"
    @Option(name: .customLong("init"), help: "Initialisation: sigmoid, basic-tanh, smart-tanh, irnn, xavier, he, orthogonal, identity[:S], normal:S.")
    var initialization = "xavier"
    @Option(parsing: .unconditional, help: "Clip the gradient norm at this threshold (Pascanu's Algorithm 1); default none.")
    var clip: Double?
    @Option(name: .customLong("lr"), parsing: .unconditional, help: "Learning rate η.")
    var learningRate = 0.01
    @Option(help: "The update: sgd (Pascanu et al.) or adam (Kingma & Ba; β₁ 0.9, β₂ 0.999).")
    var optimizer: TrainExperiment.Optimizer = .sgd
    @Option(help: "Sequences per batch.")
    var batch = 32
    @Option(help: "Training steps.")
    var steps = 1000
    @Option(help: "Seed of the weights (seed), the training batches (seed + 1) and the test set (seed + 2).")
    var seed: UInt64 = 0
    @Option(help: "Sequences in the test set.")
    var testSize = 1000
    @Option(help: "Evaluate the test loss every this many steps.")
    var evalEvery = 100
    @Option(help: "Floating-point format: float32, float64, float16 or bfloat16. float16 and bfloat16 train as PyTorch's AMP does: Float32 master weights and update, the weights rounded to 16 bits every step, forward and backward in 16 bits, the loss and its gradient in Float32.")
    var precision: Precision = .float32
    @Option(help: "Loss scaling for float16/bfloat16: dynamic (PyTorch's GradScaler: S = 65536, a step with Inf/NaN gradients is skipped and S halved, S doubled after 2000 clean steps), none, or auto (dynamic for float16, none for bfloat16).")
    var lossScale: TrainExperiment.LossScaling = .auto
    @Option(help: "FP8 training with a scaling recipe: none (the plain cast), current, delayed or mx; default: no FP8.")
    var scaling: String?
    @Option(help: "The forward format of --scaling: float8_e4m3fn (default; gradients in float8_e5m2) or float8_e5m2; mx also takes float6_e3m2fn, float6_e2m3fn, float4_e2m1fn.")
    var scalingFormat: Precision = .float8E4M3FN
    @Option(parsing: .unconditional, help: "--scaling current/delayed: scale = max/amax·2^−margin.")
    var margin = 0
    @Option(help: "--scaling delayed: the amax history's length in steps.")
    var history = 1024
    @Option(help: "--scaling: multiply one step's inputs by a factor, STEP:FACTOR (as in 50:1000), to show a spike the delayed history has not seen.")
    var spike: String?
    @Option(help: "Threads (the batch is split across them); 0 picks by size. A scaled run uses one.")
    var threads = 0
    @Option(help: "Write every step to this CSV file as it happens.")
    var log: String?
    @Option(help: "Write the charts to this .svg file (or the steps to .csv, the run to .json).")
    var out: String?
    @OptionGroup var output: OutputOptions

    /// The flags as the experiment's settings (checked when the experiment is made).
    var settings: TrainExperiment.Settings {
        get throws {
            var settings = TrainExperiment.Settings()
            settings.task = task
            settings.length = length
            settings.model = model
            settings.hidden = hidden
            guard let activation = Activation(named: activation), Activation.recurrentCases.contains(activation) else {
                throw CommandError("--activation must be tanh, sigmoid, relu or linear, got '\(self.activation)'.")
            }
            settings.activation = activation
            guard let initialization = RecurrentInitialization(named: initialization) else {
                throw CommandError("Unknown --init '\(self.initialization)'. Use one of: \(RecurrentInitialization.namesHelp).")
            }
            settings.initialization = initialization
            settings.clip = clip
            settings.learningRate = learningRate
            settings.optimizer = optimizer
            settings.batch = batch
            settings.steps = steps
            settings.seed = seed
            settings.testSize = testSize
            settings.evaluationInterval = evalEvery
            settings.precision = precision
            settings.lossScaling = lossScale
            settings.threads = threads
            do throws(SettingsError) {
                if let scaling {
                    let recipe = try TrainExperiment.Settings.recipe(named: scaling, margin: margin, history: history)
                    settings.scaling = TrainExperiment.Scaling(recipe: recipe, format: scalingFormat,
                                                               spike: try spike.map { text throws(SettingsError) in try TrainExperiment.Settings.spike(from: text, steps: steps) })
                } else if spike != nil {
                    throw SettingsError(setting: "spike", "needs --scaling (a spike shows what a scaling recipe does with it).")
                }
            } catch {
                throw CommandError(error)
            }
            return settings
        }
    }

    func validate() throws {
        try validateSettingsAndOut()
        if let log, !log.lowercased().hasSuffix(".csv") { throw CommandError("--log '\(log)' must end in .csv.") }
    }

    /// Trains, writing `--log` as it goes; `progress` stops it on Ctrl-C.
    func report(progress: (any ExperimentProgress)? = nil) throws -> ExperimentReport<TrainExperiment.Document> {
        let experiment = try experiment()
        let log = try self.log.map { try TrainingLog(path: $0, header: experiment.tableColumns.joined(separator: ",")) }
        return try experiment.run(progress: progress, observer: log.map { log in { log.write(TrainExperiment.csvLine(experiment.tableRow($0))) } })
    }

    func run() throws {
        let interrupted = log == nil ? "Interrupted; nothing was written." : "Interrupted; --log holds every finished step, nothing else was written."
        let report = try CommandProgress.run(interrupted: interrupted) { progress in try self.report(progress: progress) }
        try ReportOutput.emit(report, format: output.format, out: out)
    }

    typealias Lab = TrainExperiment
}

extension TrainExperiment.Task: ExpressibleByArgument {}
extension TrainExperiment.Model: ExpressibleByArgument {}
extension TrainExperiment.Optimizer: ExpressibleByArgument {}
extension TrainExperiment.LossScaling: ExpressibleByArgument {}
