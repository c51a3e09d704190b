import ArgumentParser
import GradscopeCore
import GradscopeGallery

/// `gradscope overflow`: the depth at which each format overflows or underflows (``OverflowExperiment``).
struct OverflowCommand: ExperimentCommand {
    static let configuration = CommandConfiguration(
        commandName: "overflow",
        abstract: "The depth at which each precision overflows to Inf or underflows to 0, predicted and confirmed by running.",
        discussion: """
        For dy_L/dx, ∂y_L/∂b_1 and ∂y_L/∂w_1 of the chain y_l = φ(w·y_{l−1} + b): the predicted \
        depth comes from Σ ln|w·φ'(a_l)| (exact, in log space) against the format's limits; the \
        observed depth from running the chain in the format, every operation rounded to it. \
        Disagreements are explained. Depths that never happen up to --max-depth print as "never" \
        (null in JSON, an empty cell in CSV).

        CSV columns, one row per format: precision, predicted_overflow_depth, observed_overflow_depth, \
        predicted_underflow_depth, observed_underflow_depth (dy_L/dx), the same four prefixed first_bias_ \
        and first_weight_, forward_overflow_depth, exact_zero_depth, confirmed_by_backprop.

        Example: gradscope overflow --activation tanh --weight 8
        """
    )

    @OptionGroup var chain: ChainOptions

    @Option(name: .customLong("max-depth"), help: "Deepest chain examined (1…1000000).")
    var maxDepth: Int = 10_000

    @Option(help: "Only this precision (default: the four wide ones, or the five narrow ones with --narrow).")
    var precision: Precision?

    @Flag(help: "Examine float8_e4m3fn, float8_e5m2, float6_e3m2fn, float6_e2m3fn and float4_e2m1fn instead of the four wide formats.")
    var narrow = false

    @Option(help: ArgumentHelp(
        "Past the largest finite value: nonfinite (NaN in float8_e4m3fn, ±Inf in float8_e5m2: the OCP rule) or saturate (±max).",
        discussion: "float6_e3m2fn, float6_e2m3fn and float4_e2m1fn have no Inf or NaN and can only saturate; the wide formats always overflow to ±Inf."))
    var overflow: OverflowRule = .nonfinite

    @Flag(help: "Also draw log10|dy_L/dx| against depth with each format's limits in the terminal.")
    var chart = false

    @Option(help: "Write the chart (.svg) or the forecasts (.csv, .json) to this file.")
    var out: String?

    @OptionGroup var output: OutputOptions

    var settings: OverflowExperiment.Settings {
        OverflowExperiment.Settings(chain: chain.settings(), maxDepth: maxDepth,
                                    precisions: OverflowExperiment.Settings.precisions(only: precision, narrow: narrow), overflow: overflow)
    }

    var terminalCharts: ReportOutput.TerminalCharts? { chart ? .init(maximumWidth: 120, height: 18) : nil }

    typealias Lab = OverflowExperiment
}
