import ArgumentParser
import GradscopeCore
import GradscopeGallery

/// `gradscope phase`: the mean-field phase diagram over (σ_w², σ_b²) and the trainability map.
struct PhaseCommand: ExperimentCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase",
        abstract: "The order-to-chaos phase diagram over (σ_w², σ_b²) with the critical line χ₁ = 1, and a trainability map.",
        discussion: """
        Colours each (σ_w², σ_b²) by χ₁ = σ_w² E[φ'(√q* z)²] (diverging, log scale, white at 1: blue \
        ordered, red chaotic) or by log10 ξ_c (--colour xi-c), and draws the critical line χ₁ = 1 \
        (Poole et al. 2016, Schoenholz et al. 2017). The critical line is sampled at σ_b² = 0, 0.01, \
        0.02, … up to max(0.25, the top of --sigma-b2).

        --trainability adds a map over (σ_w², depth) from actual random networks at --train-sigma-b2: \
        a cell counts as trainable when ‖∂L/∂h_1‖/‖∂L/∂h_L‖ lies within [1e-3, 1e3] at initialisation; \
        the curve is 6ξ_c.

        CSV columns: sigma_w2, sigma_b2, q_star, chi1, xi_c, critical_sigma_w2 (at that row's σ_b²). \
        JSON keys: activation, colour, cells, criticalLine ([{sigmaB2, sigmaW2}]), trainability.

        Example: gradscope phase --activation tanh --sigma-w2 0.5:4 --sigma-b2 0:0.25 --grid 41
        """
    )

    @Option(help: "Activation φ: tanh, relu, sigmoid, elu, gelu, swish, softplus, leaky_relu, linear, sin.", transform: parseActivation)
    var activation: Activation = .tanh

    @Option(name: .customLong("sigma-w2"), parsing: .unconditional, help: "The σ_w² range A:B (0 ≤ A < B ≤ 100).")
    var sigmaW2: GridRange = GridRange(lower: 0.5, upper: 4)

    @Option(name: .customLong("sigma-b2"), parsing: .unconditional, help: "The σ_b² range A:B (0 ≤ A < B ≤ 100).")
    var sigmaB2: GridRange = GridRange(lower: 0, upper: 0.25)

    @Option(help: "Grid points per axis (2…201).")
    var grid: Int = 41

    @Option(help: "Colour by chi1 or xi-c (log10 ξ_c; slower: two-unit integrals in the chaotic phase).")
    var colour: Colouring = .chi1

    @Flag(help: "Also compute the trainability map over (σ_w², depth) from random networks.")
    var trainability = false

    @Option(name: .customLong("train-sigma-b2"), parsing: .unconditional, help: "σ_b² of the trainability map.")
    var trainSigmaB2: Double = 0.05

    @Option(name: .customLong("train-width"), help: "Width of the trainability map's networks (2…1000).")
    var trainWidth: Int = 100

    @Option(name: .customLong("max-depth"), help: "Deepest network of the trainability map (2…1000).")
    var maxDepth: Int = 200

    @Option(help: "The trainability map's seed.")
    var seed: UInt64 = 1

    @Option(help: "Write the charts (.svg) or the data (.csv, .json) to this file.")
    var out: String?

    @OptionGroup var output: OutputOptions

    enum Colouring: String, CaseIterable, ExpressibleByArgument {
        case chi1
        case xiC = "xi-c"
        var charts: WideNetworkCharts.PhaseColouring { self == .chi1 ? .chi1 : .depthScale }
    }

    var settings: PhaseExperiment.Settings {
        PhaseExperiment.Settings(activation: activation, sigmaW2: sigmaW2.lower...sigmaW2.upper, sigmaB2: sigmaB2.lower...sigmaB2.upper,
                                 grid: grid, colour: colour.charts, trainability: trainability, trainSigmaB2: trainSigmaB2,
                                 trainWidth: trainWidth, maxDepth: maxDepth, seed: seed)
    }

    var terminalCharts: ReportOutput.TerminalCharts? { .init(maximumWidth: 110, height: 22) }

    typealias Lab = PhaseExperiment
}
