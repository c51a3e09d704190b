import ArgumentParser
import GradscopeCore
import GradscopeGallery

/// `gradscope activations`: each activation and its derivative over a range of x (``ActivationsExperiment``).
struct ActivationsCommand: ExperimentCommand {
    static let configuration = CommandConfiguration(
        commandName: "activations",
        abstract: "Each activation φ and its derivative φ' over a range of x: a table and two charts.",
        discussion: """
        φ and φ' are computed in Double and rounded once to --precision. Text prints both charts and, \
        per activation, φ at the ends of the range, the largest |φ'| on the grid and its supremum γ; \
        --format csv prints one row per activation and x (activation,x,value,derivative).

        Example: gradscope activations --activations tanh,sigmoid,relu --x -6:6 --points 241
        """
    )

    @Option(help: "Comma-separated activations (default: all): relu, leaky_relu, tanh, sigmoid, linear, softplus, elu, gelu, swish, sin.")
    var activations: String?

    @Option(parsing: .unconditional, help: "The range of x, A:B.", transform: { try parseSurfaceRange($0, option: "--x") })
    var x = GridRange(lower: -4, upper: 4)

    @Option(help: "Points of the x grid (2…100000).")
    var points = 201

    @Option(help: "Write both charts (.svg), the table (.csv) or the document (.json) to this file.")
    var out: String?

    @OptionGroup var precision: PrecisionOptions
    @OptionGroup var output: OutputOptions

    var settings: ActivationsExperiment.Settings {
        get throws {
            var list = Activation.all
            if let activations {
                do throws(SettingsError) { list = try ActivationsExperiment.Settings.activations(from: activations) } catch { throw CommandError(error) }
            }
            return ActivationsExperiment.Settings(activations: list, x: x.lower...x.upper, points: points, precision: precision.precision)
        }
    }

    var terminalCharts: ReportOutput.TerminalCharts? { .init(maximumWidth: 100, height: 16) }

    typealias Lab = ActivationsExperiment
}
