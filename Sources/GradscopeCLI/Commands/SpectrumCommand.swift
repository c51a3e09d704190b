import ArgumentParser
import GradscopeCore
import GradscopeGallery

/// `gradscope spectrum`: singular values of the input–output Jacobian at the critical point.
struct SpectrumCommand: ExperimentCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectrum",
        abstract: "Singular values of a random network's input–output Jacobian at the critical point: Gaussian vs orthogonal weights.",
        discussion: """
        For each activation, builds a network at the critical point (tanh: the σ_w² with χ₁ = 1 at
        --sigma-b2; relu: σ_w² = 2, σ_b² = 0, its only critical point with a finite length) once with
        Gaussian and once with orthogonal weights (gain √σ_w²), forms J = D_L W_L ⋯ D_1 W_1 at an input \
        on the fixed point q*, and finds its singular values (one-sided Jacobi). The mean of σ² is \
        Π χ = 1 in theory for all four; only orthogonal tanh concentrates them near 1 (dynamical \
        isometry, Pennington, Schoenholz & Ganguli 2017).

        CSV columns: activation, weights, sigma_w2, sigma_b2, index, singular_value.

        Example: gradscope spectrum --width 200 --depth 32 --sigma-b2 0.0001
        """
    )

    @Option(help: "Units per layer N (2…400).")
    var width: Int = 100

    @Option(help: "Number of layers L (1…500).")
    var depth: Int = 32

    @Option(name: .customLong("sigma-b2"), parsing: .unconditional, help: "σ_b² of the tanh networks (small σ_b² gives small q*).")
    var sigmaB2: Double = 0.0001

    @Option(help: "Comma-separated activations (bounded ones use their critical line; relu uses σ_w² = 2, σ_b² = 0).")
    var activations: String = "tanh,relu"

    @Option(help: "The seed.")
    var seed: UInt64 = 1

    @Option(help: "Write the histograms (.svg) or the singular values (.csv, .json) to this file.")
    var out: String?

    @OptionGroup var output: OutputOptions

    var settings: SpectrumExperiment.Settings {
        get throws {
            let list = try activations.split(separator: ",", omittingEmptySubsequences: false)
                .map { try parseActivation($0.trimmingCharacters(in: .whitespaces)) }
            return SpectrumExperiment.Settings(width: width, depth: depth, sigmaB2: sigmaB2, activations: list, seed: seed)
        }
    }

    /// Two rows per activation.
    var terminalCharts: ReportOutput.TerminalCharts? {
        .init(maximumWidth: 100, height: 4 + 2 * activations.split(separator: ",", omittingEmptySubsequences: false).count)
    }

    typealias Lab = SpectrumExperiment
}
