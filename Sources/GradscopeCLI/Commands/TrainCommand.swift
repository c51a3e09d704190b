import ArgumentParser
import Dispatch
import Foundation
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `gradscope train`: an RNN on a long-range task, with the gradient through time on view.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an Elman RNN or an LSTM on the adding or temporal-order problem and watch the gradient through time.",
        discussion: """
        Mini-batch SGD (a fresh seeded batch every step) with optional norm clipping (Pascanu et al.'s \
        Algorithm 1: if ‖g‖ > clip, g ← clip·g/‖g‖). Every run is reported against the task's trivial \
        baseline: MSE 1/6 for the adding problem, cross-entropy log 4 for the temporal-order problem.

        Initialisations (--init): sigmoid (all N(0, 0.01²)), basic-tanh (all N(0, 0.1²)), smart-tanh \
        (sparse W, 15 inputs per unit, ρ = 0.95), irnn (W = I, for relu), or xavier, he, orthogonal, identity[:S], normal:S.

        --log writes one CSV row per step as it happens: step, loss, grad_norm, clipped, test_loss, test_accuracy and \
        dl_dh_0 … dl_dh_T (‖∂L/∂h_t‖); Ctrl-C finishes the current row and exits with status 130. \
        A step whose loss, gradient or weights become Inf or NaN stops the run, and the step is replayed \
        operation by operation to name the first Inf and NaN (time step, operation, cause).

        Example: gradscope train --task adding --length 100 --model elman --activation relu --init irnn --clip 1 --lr 0.01 --steps 3000
        """
    )

    enum Task: String, CaseIterable, ExpressibleByArgument { case adding, order }
    enum Model: String, CaseIterable, ExpressibleByArgument { case elman, lstm, gru }
    enum Optimizer: String, CaseIterable, ExpressibleByArgument { case sgd, adam }

    @Option(help: "The task: adding or order (temporal order).")
    var task: Task = .adding
    @Option(help: "Sequence length T.")
    var length = 100
    @Option(help: "The network: elman, lstm or gru.")
    var model: Model = .elman
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
    var optimizer: Optimizer = .sgd
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
    var lossScale: LossScaling = .auto
    @Option(help: "Threads (the batch is split across them); 0 picks by size.")
    var threads = 0
    @Option(help: "Write every step to this CSV file as it happens.")
    var log: String?
    @Option(help: "Write the charts to this .svg file (or the steps to .csv, the run to .json).")
    var out: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard length >= (task == .order ? 10 : 2) && length <= 100_000 else {
            throw CommandError("--length must be between \(task == .order ? 10 : 2) and 100000, got \(length).")
        }
        guard (1...4096).contains(hidden) else { throw CommandError("--hidden must be between 1 and 4096, got \(hidden).") }
        guard (1...10_000_000).contains(steps) else { throw CommandError("--steps must be between 1 and 10000000, got \(steps).") }
        guard (1...100_000).contains(batch) else { throw CommandError("--batch must be between 1 and 100000, got \(batch).") }
        guard learningRate.isFinite, learningRate > 0 else { throw CommandError("--lr must be a positive number, got \(learningRate).") }
        if let clip { guard clip.isFinite, clip > 0 else { throw CommandError("--clip must be a positive number, got \(clip).") } }
        guard testSize >= 1, evalEvery >= 1, threads >= 0 else { throw CommandError("--test-size and --eval-every must be positive, --threads 0 or more.") }
        try WorkLimits.checkTrain(steps: steps, length: length, batch: batch, hidden: hidden, gates: model == .lstm ? 4 : model == .gru ? 3 : 1, testSize: testSize)
        guard [.float32, .float64, .float16, .bfloat16].contains(precision) else { throw CommandError("--precision must be float32, float64, float16 or bfloat16 for training, got \(precision.rawValue).") }
        if lossScale == .dynamic, !isMixedPrecision { throw CommandError("--loss-scale dynamic needs --precision float16 or bfloat16.") }
        _ = try recurrentActivation()
        _ = try recurrentInitialization()
        if let out { _ = try OutputFile(path: out) }
        if let log, !log.lowercased().hasSuffix(".csv") { throw CommandError("--log '\(log)' must end in .csv.") }
    }

    func recurrentActivation() throws -> Activation {
        guard let a = Activation(named: activation), Activation.recurrentCases.contains(a) else {
            throw CommandError("--activation must be tanh, sigmoid, relu or linear, got '\(activation)'.")
        }
        return a
    }

    func recurrentInitialization() throws -> RecurrentInitialization {
        guard let i = RecurrentInitialization(named: initialization) else {
            throw CommandError("Unknown --init '\(initialization)'. Use one of: \(RecurrentInitialization.namesHelp).")
        }
        return i
    }

    var sequenceTask: any SequenceTask { task == .adding ? AddingProblem(length: length) : TemporalOrderProblem(length: length) }

    /// Threads: both CPUs when a step has enough work to share.
    var threadCount: Int {
        if threads > 0 { return min(threads, batch) }
        return hidden * hidden * batch >= 64 * 64 * 32 && batch >= 16 ? min(2, ProcessInfo.processInfo.activeProcessorCount) : 1
    }

    func run() throws {
        let result: TrainResult = precision == .float64 ? try train(Double.self) : try train(Float.self)
        if let out {
            let file = try OutputFile(path: out)
            switch file.kind {
            case .svg: try file.write(SVGStack.horizontal(charts(result)))
            case .csv: try file.write(render(result, format: .csv))
            case .json: try file.write(render(result, format: .json))
            }
        }
        print(try render(result, format: output.format), terminator: output.format == .text ? "\n" : "")
    }

    struct TrainResult {
        var summary: String
        var run: RecurrentTrainingRun
    }

    func train<T: GradFloat>(_: T.Type) throws -> TrainResult {
        let task = sequenceTask
        var rng = Xoshiro256StarStar(seed: seed)
        let initialization = try recurrentInitialization()
        let configuration = RecurrentTrainingConfiguration(steps: steps, batchSize: batch, sgd: RecurrentSGD(learningRate: learningRate, clipThreshold: clip, method: optimizer == .adam ? .adam() : .sgd),
                                                           seed: seed, testSize: testSize, evaluationInterval: evalEvery, threads: threadCount)
        let log = try self.log.map { try RecurrentTrainingLog(path: $0, length: length) }
        let progress = ProgressBar(total: steps)
        let interrupt = AutopsyCommand.handleInterrupt(log: log?.log, progress: progress)
        defer { interrupt.cancel() }
        let observer: (RecurrentTrainingStep) -> TrainingControl = { step in
            log?.write(step)
            progress.advance(label: "step \(step.step)/\(steps)  loss \(NumberText.short(step.loss))")
            return .proceed
        }
        let run: RecurrentTrainingRun, summary: String
        switch model {
        case .elman:
            let net = ElmanNetwork<Double>(task: task, hiddenSize: hidden, activation: try recurrentActivation(), initialization: initialization, using: &rng)
                .converted(to: T.self)
            var trained = net
            run = mixedRun(RecurrentTrainer(network: net, task: task, configuration: configuration), trained: &trained,
                           float16: net.converted(to: Float16.self), bfloat16: net.converted(to: BFloat16.self), observer: observer)
            summary = "\(net.summary), init \(initialization.name)"
        case .lstm:
            let net = LSTMNetwork<Double>(task: task, hiddenSize: hidden, initialization: initialization, using: &rng).converted(to: T.self)
            var trained = net
            run = mixedRun(RecurrentTrainer(network: net, task: task, configuration: configuration), trained: &trained,
                           float16: net.converted(to: Float16.self), bfloat16: net.converted(to: BFloat16.self), observer: observer)
            summary = "\(net.summary), init \(initialization.name)"
        case .gru:
            let net = GRUNetwork<Double>(task: task, hiddenSize: hidden, initialization: initialization, using: &rng).converted(to: T.self)
            var trained = net
            run = mixedRun(RecurrentTrainer(network: net, task: task, configuration: configuration), trained: &trained,
                           float16: net.converted(to: Float16.self), bfloat16: net.converted(to: BFloat16.self), observer: observer)
            summary = "\(net.summary), init \(initialization.name)"
        }
        progress.clear()
        let settings = "\(optimizer == .adam ? "Adam" : "SGD") lr \(NumberText.short(learningRate)), \(clip.map { "clip \(NumberText.short($0))" } ?? "no clipping"), batch \(batch), seed \(seed), \(precisionText)"
        return TrainResult(summary: "\(summary); \(task.summary); \(settings)", run: run)
    }

    func charts(_ result: TrainResult) -> [any SVGChart] {
        var charts: [any SVGChart] = [RecurrentCharts.loss([("run", result.run)], title: "Loss: \(result.summary)"),
                                      RecurrentCharts.gradientNorm([("run", result.run)])]
        if let heatmap = RecurrentCharts.stateGradientHeatmap(result.run, title: "‖∂L/∂h_t‖ over training") { charts.append(heatmap) }
        return charts
    }

    func render(_ result: TrainResult, format: OutputFormat) throws -> String {
        let run = result.run
        switch format {
        case .json:
            return try JSONText.encode(TrainJSON(result))
        case .csv:
            var csv = CSVText(header: RecurrentTrainingLog.header(length: length).split(separator: ",").map(String.init))
            for s in run.steps { csv.append(RecurrentTrainingLog.cells(s)) }
            return csv.rendered
        case .text:
            var lines = ["Training: \(result.summary)"]
            if let c = run.initialConditions { lines.append("Pascanu at the start: \(c.summary)") }
            if let c = run.finalConditions, run.ending != .nonFinite { lines.append("Pascanu at the end:   \(c.summary)") }
            if let last = run.steps.last(where: { $0.stateGradientNorms.allSatisfy(\.isFinite) }) {
                lines.append("Gradient through time at step \(last.step): \(GradientTrend(stateGradientNorms: last.stateGradientNorms).summary)")
            }
            let classifies = run.steps.contains { $0.testAccuracy != nil }
            var table = TextTable(["step", "train loss", "test loss"] + (classifies ? ["test accuracy"] : []) + ["‖∂L/∂θ‖", "clipped"])
            for s in run.steps where s.testLoss != nil || s.step == run.steps.last?.step {
                table.append([String(s.step), NumberText.short(s.loss), s.testLoss.map(NumberText.short) ?? "–"]
                             + (classifies ? [s.testAccuracy.map { "\(NumberText.short(100 * $0)) %" } ?? "–"] : [])
                             + [NumberText.short(s.gradientNorm), s.clipped ? "yes" : "no"])
            }
            lines.append(table.rendered)
            if let note = Self.scalerNote(run) { lines.append(note) }
            switch run.ending {
            case .nonFinite:
                lines.append("Stopped at step \(run.steps.last?.step ?? 0): a loss, gradient or weight became Inf or NaN.")
                if let a = run.firstInfinity { lines.append("• " + a.summary) }
                if let a = run.firstNaN { lines.append("• " + a.summary) }
                if run.firstInfinity == nil, run.firstNaN == nil { lines.append("• The replay named no single operation; ‖∂L/∂h_t‖ of every step is in --log.") }
                lines.append("Remedy: clip the gradient norm (--clip 1), lower --lr, or start from a smaller recurrent matrix.")
            case .stopped, .completed:
                if let test = run.finalTestLoss {
                    let ratio = test / run.baselineLoss
                    let verdict = ratio <= 0.3 ? "learnt" : ratio < 0.9 ? "partly learnt" : "stayed at the baseline"
                    if let accuracy = run.steps.last(where: { $0.testAccuracy != nil })?.testAccuracy {
                        lines.append("Test accuracy \(NumberText.short(100 * accuracy)) % (chance: \(NumberText.short(100 / Double(sequenceTask.outputSize))) %).")
                    }
                    lines.append("Test loss \(NumberText.short(test)) at step \(run.steps.last(where: { $0.testLoss != nil })!.step) against the baseline \(NumberText.short(run.baselineLoss)): \(ratio < 10 ? "\(NumberText.short((ratio * 1000).rounded() / 10)) %" : "\(NumberText.short(ratio))×") of it — \(verdict).")
                }
            }
            lines.append("Time: \(String(format: "%.1f", run.seconds)) s (\(String(format: "%.2f", 1000 * run.seconds / Double(max(run.steps.count, 1)))) ms per step, \(threadCount) thread\(threadCount == 1 ? "" : "s")).")
            return lines.joined(separator: "\n")
        }
    }
}

/// The JSON of a run: summary, ending, baseline, anomalies, conditions and every step.
struct TrainJSON: Encodable {
    var summary: String
    var ending: RecurrentTrainingRun.Ending
    var baselineLoss: Double
    var finalTestLoss: Double?
    var firstInfinity: RecurrentAnomaly?
    var firstNaN: RecurrentAnomaly?
    var initialConditions: PascanuConditions?
    var finalConditions: PascanuConditions?
    var seconds: Double
    var steps: [RecurrentTrainingStep]

    init(_ r: TrainCommand.TrainResult) {
        summary = r.summary
        ending = r.run.ending
        baselineLoss = r.run.baselineLoss
        finalTestLoss = r.run.finalTestLoss
        firstInfinity = r.run.firstInfinity
        firstNaN = r.run.firstNaN
        initialConditions = r.run.initialConditions
        finalConditions = r.run.finalConditions
        seconds = r.run.seconds
        steps = r.run.steps
    }
}
