import Foundation
import ArgumentParser
import GradscopeCore
import GradscopeGallery

/// `gradscope plot`: any formula, nested to any depth, with its exact derivatives (``PlotExperiment``).
struct PlotCommand: ExperimentCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Plot a formula y(x), nested to any depth, with its exact dy/dx and ∂y/∂p.",
        discussion: """
        Formulas in plain math (tanh(5*tanh(40*x-5) - 5*tanh(40*x) + 5*tanh(40*x+5))) or in LaTeX \
        (\\text{relu}(w \\times x), \\frac{w}{2}, \\sigma(x), \\cdot). With --depth or --depths the \
        formula is a layer: x means the previous layer's output. A formula may start with \
        '-' (gradscope plot '-x^2'); '--' before it works too. A grid that spans 0 includes 0.

        The charts and the table show every depth --depths names; of --depth L above 7 they show \
        1, 2, 3, L/4, L/2, 3L/4 and L and say so. CSV and JSON have every depth and are written \
        as each depth is computed, so a plot of any size stays small in memory.

        CSV columns: depth (only when nested), x, y, dydx and d_<param> for each parameter.

        Example: gradscope plot 'relu(w*x)' --param w=8 --depth 3
        """
    )

    @Argument(parsing: .allUnrecognized, help: "The formula, in plain math or LaTeX; x is the input. A leading '-' is fine: '-x^2'.")
    var formulaWords: [String] = []

    /// The formula: everything that is not an option (so `-x^2` needs no `--`).
    var formula: String { formulaWords.filter { $0 != "--" }.joined(separator: " ") }

    @Option(name: .customLong("param"), parsing: .unconditionalSingleValue, help: "A parameter's value, NAME=VALUE (repeatable): --param w=8.")
    var parameters: [String] = []

    @Option(help: "Nest the formula and compute depths 1…N (the post draws 1, 2, 3).")
    var depth: Int?

    @Option(help: "Nest the formula and compute and draw these depths, e.g. 1,5,50.")
    var depths: String?

    @Option(name: .customLong("first-layer"), help: "A different formula for layer 1 (S5: --first-layer 'sig(w*x)').")
    var firstLayer: String?

    @Option(name: .customLong("x"), parsing: .unconditional, help: "The x range A:B.")
    var xRange: GridRange = GridRange(lower: -1, upper: 1)

    @Option(help: "Number of x points (2…1000000).")
    var points: Int = 201

    @Option(help: "Write the chart (.svg) or the data (.csv, .json) to this file.")
    var out: String?

    @OptionGroup var precision: PrecisionOptions

    @Option(help: ArgumentHelp(
        "Past the largest finite value: nonfinite (NaN in float8_e4m3fn, ±Inf in float8_e5m2 and the wide formats: the OCP rule) or saturate (±max).",
        discussion: "float6_e3m2fn, float6_e2m3fn and float4_e2m1fn have no Inf or NaN and can only saturate; Float16, BFloat16, Float32 and Float64 always overflow to ±Inf."))
    var overflow: OverflowRule = .nonfinite

    @OptionGroup var output: OutputOptions

    /// The Gallery's settings of these flags.
    var settings: PlotExperiment.Settings {
        get throws {
            if let option = formulaWords.first(where: { $0.hasPrefix("--") && $0 != "--" }) {
                throw CommandError(CommandLineWords.unknownOption(option, of: PlotCommand.self))
            }
            if depth != nil, depths != nil { throw CommandError("Give either --depth or --depths, not both.") }
            if let depth, !(1...PlotExperiment.Settings.maximumDepth).contains(depth) {
                throw CommandError("--depth must be between 1 and \(PlotExperiment.Settings.maximumDepth), got \(depth).")
            }
            do throws(SettingsError) {
                let levels = try depths.map { (text: String) throws(SettingsError) in try PlotExperiment.Settings.depths(from: text) }
                    ?? depth.map { Array(1...$0) }
                return PlotExperiment.Settings(formula: formula, firstLayer: firstLayer, parameters: try PlotExperiment.Settings.parameters(from: parameters),
                                               x: xRange.lower...xRange.upper, points: points, depths: levels,
                                               shownDepths: depths == nil ? nil : levels, precision: precision.precision, overflow: overflow)
            } catch {
                throw CommandError(error)
            }
        }
    }

    func run() throws {
        let experiment = try experiment()
        let file = try out.map { try OutputFile(path: $0) }
        try write(experiment, file: file)
    }

    typealias Lab = PlotExperiment
}
