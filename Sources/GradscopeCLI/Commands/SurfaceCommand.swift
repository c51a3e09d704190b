import ArgumentParser
import GradscopeCore
import GradscopeGallery

/// `gradscope surface`: Pascanu's loss-surface cliff of the single-unit recurrent model.
struct SurfaceCommand: ExperimentCommand {
    static let configuration = CommandConfiguration(
        commandName: "surface",
        abstract: "The (w, b) loss surface of x_t = w·φ(x_{t−1}) + b with its exact gradient, the wall, and descent with and without clipping.",
        discussion: """
        The loss is (φ(x_T) − target)² (--loss output, Pascanu et al. 2013, Fig. 6) or \
        (x_T − target)² (--loss state, the W2 benchmark). Its gradient is exact (forward mode) at \
        every point of a --grid × --grid grid over --w × --b, split across the cores. Two \
        gradient-descent runs start at --start: plain, and with Pascanu's norm clipping \
        (if ‖g‖ > --clip then g ← clip·g/‖g‖). The wall is located by bisection on b at several w: \
        where x_T jumps between the basins of the two fixed points.

        Text prints the heatmaps, the wall and both runs; --format csv prints one row per grid \
        point (w,b,loss,dloss_dw,dloss_db); --out writes the heatmaps (.svg), the grid (.csv) or \
        everything (.json).

        Example:
          gradscope surface --grid 256 --start 5,-2.4 --lr 1 --clip 1 --out cliff.svg
        """
    )

    @Option(help: "Activation φ: sigmoid (default), tanh, or any of the chain command's names.", transform: parseActivation)
    var activation: Activation = .sigmoid

    @Option(parsing: .unconditional, help: "Initial state x_0.")
    var x0: Double = 0.5

    @Option(parsing: .unconditional, help: "Target of the loss.")
    var target: Double = 0.7

    @Option(parsing: .unconditional, help: "Time steps T (1…10000).")
    var steps: Int = 50

    @Option(help: "output: (φ(x_T) − target)²; state: (x_T − target)².")
    var loss: SurfaceLoss = .output

    @Option(name: .customLong("w"), parsing: .unconditional, help: "Weight range A:B (columns).",
            transform: { try parseSurfaceRange($0, option: "--w") })
    var weights: GridRange = GridRange(lower: 2, upper: 14)

    @Option(name: .customLong("b"), parsing: .unconditional, help: "Bias range A:B (rows).",
            transform: { try parseSurfaceRange($0, option: "--b") })
    var biases: GridRange = GridRange(lower: -10, upper: 2)

    @Option(parsing: .unconditional, help: "Grid points per axis (2…\(Self.maximumGrid)).")
    var grid: Int = 512

    @Option(parsing: .unconditional, help: "Start point W,B of both descents.", transform: parseStartPoint)
    var start = SurfaceExperiment.StartPoint(w: 5, b: -2.4)

    @Option(parsing: .unconditional, help: "Learning rate η of both descents.")
    var lr: Double = 1

    @Option(parsing: .unconditional, help: "Clipping threshold of the clipped descent (Pascanu's Algorithm 1).")
    var clip: Double = 1

    @Option(parsing: .unconditional, help: "Descent steps (0…100000).")
    var iterations: Int = 40

    @OptionGroup var precision: PrecisionOptions

    @Option(help: ArgumentHelp("Past a narrow format's largest finite value: nonfinite (NaN or ±Inf, the OCP rule) or saturate (±max).",
        discussion: "float6_e3m2fn, float6_e2m3fn and float4_e2m1fn have no Inf or NaN and can only saturate; the wide formats always overflow to ±Inf."))
    var overflow: OverflowRule = .nonfinite

    @Option(help: "Write the heatmaps (.svg), the grid (.csv) or the whole result (.json) to this file.")
    var out: String?

    @OptionGroup var output: OutputOptions

    static let maximumGrid = SurfaceExperiment.Settings.grids.upperBound

    var settings: SurfaceExperiment.Settings {
        SurfaceExperiment.Settings(activation: activation, x0: x0, target: target, steps: steps, loss: loss,
                                   w: weights.lower...weights.upper, b: biases.lower...biases.upper, grid: grid, start: start,
                                   lr: lr, clip: clip, iterations: iterations, precision: precision.precision,
                                   overflow: overflow)
    }

    var terminalCharts: ReportOutput.TerminalCharts? { .init(maximumWidth: 100, height: 22) }

    typealias Lab = SurfaceExperiment
}

/// The descents' start point, written `W,B` (`--start 5,-2.4`).
func parseStartPoint(_ text: String) throws -> SurfaceExperiment.StartPoint {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2, let w = Double(parts[0]), let b = Double(parts[1]), w.isFinite, b.isFinite else {
        throw CommandError("--start must be two finite numbers W,B (e.g. --start 5,-2.4), got '\(text)'.")
    }
    return SurfaceExperiment.StartPoint(w: w, b: b)
}

/// `A:B` with finite A < B, or a one-line error naming the option.
func parseSurfaceRange(_ text: String, option: String) throws -> GridRange {
    guard let range = GridRange(argument: text) else {
        throw CommandError("\(option) must be a range A:B of finite numbers with A < B (e.g. \(option) -10:2), got '\(text)'.")
    }
    return range
}

extension SurfaceLoss: ExpressibleByArgument {}
