import ArgumentParser
import Dispatch
import Foundation
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `gradscope autopsy`: trains a network, names the first Inf and NaN, and replays the run with remedies.
struct AutopsyCommand: ExperimentCommand {
    static let configuration = CommandConfiguration(
        commandName: "autopsy",
        abstract: "Train a network, name the first operation that produced an Inf or a NaN and why, and compare remedies.",
        discussion: """
        Full-batch gradient descent on the mean squared error, every operation rounded to --precision \
        and checked: the report names the first Inf and the first NaN (step, forward/loss/backward/update, \
        layer, operation, operands, cause), what happened next, and replays the run with each remedy.

        Remedies (--remedies): none, all, or a comma-separated list of clip-norm=MAX, clip-value=V, \
        lr=RATE, init=NAME (xavier, xavier-uniform, he, he-fan-out, orthogonal, identity, scaled:F, \
        normal:SIGMA), activation=NAME, amp (Float16/BFloat16 forward and backward, Float32 master \
        weights, dynamic loss scaling as PyTorch's GradScaler).

        --log writes one CSV row per step of every run, flushed as it comes; Ctrl-C finishes the \
        current row and exits with status 130. --format csv prints the remedies table, json the whole report.

        Example: gradscope autopsy --activation tanh --weight 8 --depth 50 --precision float32 --steps 20
        """
    )

    @OptionGroup var network: TrainingModelOptions
    @OptionGroup var data: TrainingDataOptions

    @Option(help: "Gradient descent steps (1…1000000).")
    var steps: Int = 100

    @Option(name: .customLong("lr"), parsing: .unconditional, help: "Learning rate η.")
    var learningRate: Double = 0.01

    @Option(help: "Seed of the random initial weights (MLP) and re-initialisations.")
    var seed: UInt64 = 0

    @Option(help: "Remedies to replay: none, all, or a list such as clip-norm=1,clip-value=0.5,lr=1e-3,init=xavier,activation=relu,amp.")
    var remedies: String = "all"

    @Option(help: "Write every step of every run to this CSV file as it happens.")
    var log: String?

    @Option(help: "Write the loss and gradient-norm charts to this .svg file (or the report to .csv/.json).")
    var out: String?

    @Flag(help: "Also draw the per-step loss of every run in the terminal.")
    var chart = false

    @Option(help: "Floating-point format to compute in: float16, bfloat16, float32, float64, or a narrow one (float8_e4m3fn, float8_e5m2, float6_e3m2fn, float6_e2m3fn, float4_e2m1fn).")
    var precision: Precision = .float32

    @Option(help: ArgumentHelp(
        "Past the largest finite value of float8_e4m3fn/float8_e5m2: nonfinite (NaN, ±Inf: the OCP rule) or saturate (±max).",
        discussion: "float6_e3m2fn, float6_e2m3fn and float4_e2m1fn have no Inf or NaN and can only saturate. The same option is in chain, plot, surface, overflow and the explorer (overflow=)."))
    var overflow: OverflowRule = .nonfinite

    @Option(help: "scale=current and scale=delayed: scale = max_format / amax × 2^−margin (0…64).")
    var margin: Int = 0

    @Option(help: "scale=delayed: the length of the amax history (1…100000).")
    var history: Int = 1024

    @Option(help: "scale=…: multiply the inputs of one step by a factor, as STEP:FACTOR (e.g. 50:1000).")
    var spike: String?

    @OptionGroup var output: OutputOptions

    var settings: AutopsyExperiment.Settings {
        get throws { AutopsyExperiment.Settings(autopsyCase: try autopsyCase(), remedies: try remedyList()) }
    }

    func validate() throws {
        // Checked before the training configuration is made, which needs at least one step.
        guard (1...1_000_000).contains(steps) else { throw CommandError("--steps must be between 1 and 1000000, got \(steps).") }
        guard (0...64).contains(margin) else { throw CommandError("--margin must be between 0 and 64, got \(margin).") }
        guard (1...100_000).contains(history) else { throw CommandError("--history must be between 1 and 100000, got \(history).") }
        try validateSettingsAndOut()
        if let log, !log.lowercased().hasSuffix(".csv") { throw CommandError("--log '\(log)' must end in .csv.") }
    }

    func remedyList() throws -> [Remedy] {
        do {
            return try Remedy.list(parsing: remedies, learningRate: learningRate, activation: try network.settings.replaceableActivation,
                                   precision: precision).map {
                if case .scaling(let recipe) = $0 { return .scaling(recipe.with(margin: margin, history: history, amax: .max)) }
                return $0
            }
        } catch let error as Remedy.ParseError {
            throw CommandError("--remedies: \(error.description)")
        }
    }

    /// The case to examine, from the options.
    func autopsyCase() throws -> AutopsyCase {
        let network = try network.settings
        var autopsyCase = AutopsyCase(network: try self.network.network(), data: try data.regressionData(parameters: network.parameters),
                                      precision: precision, configuration: TrainingConfiguration(steps: steps, learningRate: learningRate), seed: seed)
        autopsyCase.overflow = overflow
        do throws(SettingsError) {
            autopsyCase.spike = try spike.map { text throws(SettingsError) in try TrainExperiment.Settings.spike(from: text, steps: steps) }
        } catch {
            throw CommandError(error)
        }
        return autopsyCase
    }

    func run() throws {
        let experiment = try experiment()
        let stepLog = experiment.stepLog
        let log = try self.log.map { try TrainingLog(path: $0, header: stepLog.header) }
        let report: ExperimentReport<AutopsyExperiment.Document>
        do {
            // Ctrl-C: the step that ends after it is not logged, so the log holds complete rows; exit 130.
            report = try CommandProgress.run(interrupted: "Interrupted; the log holds every step finished so far.") { progress in
                try experiment.run(progress: progress) { run, step in
                    log?.write(stepLog.line(run: run, step))
                }
            }
        } catch {
            log?.finish()
            throw error
        }
        log?.finish()
        if chart, output.format == .text, let loss = report.figures.first?.charts.first {
            let style = TerminalStyle.detect()
            print(loss.terminal(width: max(40, min(style.width, 120)), height: 16, colour: style.colour) + "\n")
        }
        try ReportOutput.emit(report, format: output.format, out: out)
    }

    typealias Lab = AutopsyExperiment
}

