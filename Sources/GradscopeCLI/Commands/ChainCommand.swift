import ArgumentParser
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `gradscope chain`: the per-layer table of a single-unit chain.
struct ChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: "Per-layer table of a single-unit chain: a, y, φ'(a), dy/dx and the last output's gradients.",
        discussion: """
        Layer l computes a_l = w·y_{l−1} + b and y_l = φ(a_l), with y_0 = x. The table shows \
        the running product dy_l/dx = Π w·φ'(a_k) and, for the last layer L, ∂y_L/∂w_l and \
        ∂y_L/∂b_l (reverse mode). Every operation is rounded to --precision.

        Example: gradscope chain --activation relu --weight 8 --depth 3 --at 1
        """
    )

    @OptionGroup var chain: ChainOptions

    @Option(help: "Number of layers L (1…100000).")
    var depth: Int = 10

    @Flag(help: "Also draw the per-layer gradient magnitudes (log axis) in the terminal.")
    var chart = false

    @Option(help: "Write the per-layer chart (.svg) or the table (.csv, .json) to this file.")
    var out: String?

    @OptionGroup var precision: PrecisionOptions
    @OptionGroup var output: OutputOptions

    var settings: ChainExperiment.Settings { chain.settings(depth: depth, precision: precision.precision) }

    func validate() throws {
        do { try settings.validate() } catch { throw CommandError(error) }
        if let out { _ = try OutputFile(path: out) }
    }

    func run() throws {
        let report = try ChainExperiment(settings: settings).run(progress: nil)
        try ReportOutput.emit(report, format: output.format, out: out, charts: chart ? .init(maximumWidth: 120, height: 16) : nil)
    }
}
