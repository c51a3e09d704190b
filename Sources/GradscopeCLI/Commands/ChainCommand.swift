import ArgumentParser
import GradscopeCore
import GradscopeGallery

/// `gradscope chain`: the per-layer table of a single-unit chain.
struct ChainCommand: ExperimentCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: "Per-layer table of a single-unit chain: a, y, φ'(a), dy/dx and the last output's gradients.",
        discussion: """
        Layer l computes a_l = w·y_{l−1} + b and y_l = φ(a_l), with y_0 = x. The table shows \
        the running product dy_l/dx = Π w·φ'(a_k) and, for the last layer L, ∂y_L/∂w_l and \
        ∂y_L/∂b_l (reverse mode). Every operation is rounded to --precision; past the largest finite         value, --overflow decides between NaN/±Inf and ±max.

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

    @Option(help: ArgumentHelp(
        "Past the largest finite value: nonfinite (NaN in float8_e4m3fn, ±Inf in float8_e5m2: the OCP rule) or saturate (±max).",
        discussion: "float6_e3m2fn, float6_e2m3fn and float4_e2m1fn have no Inf or NaN and can only saturate; the wide formats always overflow to ±Inf."))
    var overflow: OverflowRule = .nonfinite

    @OptionGroup var output: OutputOptions

    var settings: ChainExperiment.Settings {
        var settings = chain.settings(depth: depth)
        settings.precision = precision.precision
        settings.overflow = overflow
        return settings
    }

    var terminalCharts: ReportOutput.TerminalCharts? { chart ? .init(maximumWidth: 120, height: 16) : nil }

    typealias Lab = ChainExperiment
}

extension ChainExperiment: SettingsCheckedExperiment {}
