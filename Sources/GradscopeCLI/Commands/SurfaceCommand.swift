import ArgumentParser
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `gradscope surface`: Pascanu's loss-surface cliff of the single-unit recurrent model.
struct SurfaceCommand: ParsableCommand {
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
    var start: StartPoint = StartPoint(w: 5, b: -2.4)

    @Option(parsing: .unconditional, help: "Learning rate η of both descents.")
    var lr: Double = 1

    @Option(parsing: .unconditional, help: "Clipping threshold of the clipped descent (Pascanu's Algorithm 1).")
    var clip: Double = 1

    @Option(parsing: .unconditional, help: "Descent steps (0…100000).")
    var iterations: Int = 40

    @OptionGroup var precision: PrecisionOptions

    @Option(help: "Write the heatmaps (.svg), the grid (.csv) or the whole result (.json) to this file.")
    var out: String?

    @OptionGroup var output: OutputOptions

    static let maximumGrid = 2048

    func validate() throws {
        guard (2...Self.maximumGrid).contains(grid) else {
            throw CommandError("--grid must be between 2 and \(Self.maximumGrid) points per axis, got \(grid).")
        }
        guard (1...10_000).contains(steps) else { throw CommandError("--steps must be between 1 and 10000, got \(steps).") }
        guard (0...100_000).contains(iterations) else {
            throw CommandError("--iterations must be between 0 and 100000, got \(iterations).")
        }
        for (name, value) in [("--x0", x0), ("--target", target)] where !value.isFinite {
            throw CommandError("\(name) must be a finite number, got \(value).")
        }
        guard lr.isFinite, lr > 0 else { throw CommandError("--lr must be a positive finite number, got \(lr).") }
        guard clip.isFinite, clip > 0 else { throw CommandError("--clip must be a positive finite number, got \(clip).") }
        if let out { _ = try OutputFile(path: out) }
    }

    var experiment: CliffExperiment {
        CliffExperiment(model: SurfaceModel(activation: activation, initialState: x0, target: target, steps: steps, loss: loss),
                        weights: weights.lower...weights.upper, biases: biases.lower...biases.upper, resolution: grid,
                        startWeight: start.w, startBias: start.b, learningRate: lr, clipThreshold: clip, iterations: iterations)
    }

    func run() throws {
        let report = precision.precision.visit(SurfaceRun(experiment: experiment))
        if let out {
            let file = try OutputFile(path: out)
            switch file.kind {
            case .svg: try file.write(SVGStack.horizontal(report.figure.charts))
            case .csv: try file.write(report.csv)
            case .json: try file.write(try JSONText.encode(report.json))
            }
        }
        switch output.format {
        case .csv: print(report.csv)
        case .json: print(try JSONText.encode(report.json))
        case .text:
            let style = TerminalStyle.detect()
            let width = max(40, min(style.width, 100))
            for chart in report.figure.charts {
                print(chart.terminal(width: width, height: 22, colour: style.colour) + "\n")
            }
            print(report.text)
        }
    }
}

/// The descents' start point, written `W,B` (`--start 5,-2.4`).
struct StartPoint: Sendable, Equatable {
    var w: Double
    var b: Double
}

func parseStartPoint(_ text: String) throws -> StartPoint {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2, let w = Double(parts[0]), let b = Double(parts[1]), w.isFinite, b.isFinite else {
        throw CommandError("--start must be two finite numbers W,B (e.g. --start 5,-2.4), got '\(text)'.")
    }
    return StartPoint(w: w, b: b)
}

/// `A:B` with finite A < B, or a one-line error naming the option.
func parseSurfaceRange(_ text: String, option: String) throws -> GridRange {
    guard let range = GridRange(argument: text) else {
        throw CommandError("\(option) must be a range A:B of finite numbers with A < B (e.g. \(option) -10:2), got '\(text)'.")
    }
    return range
}

extension SurfaceLoss: ExpressibleByArgument {}

/// Everything `surface` prints or writes, computed once in the visited precision.
struct SurfaceReport {
    var figure: SurfaceCharts.Cliff
    var csv: String
    var text: String
    var json: SurfaceJSON
}

/// Runs the experiment in the visited precision and renders it.
struct SurfaceRun: PrecisionVisitor {
    let experiment: CliffExperiment

    func visit<T: GradFloat>(_ type: T.Type) -> SurfaceReport {
        let result = experiment.run(in: T.self)
        let figure = SurfaceCharts.cliff(result)
        return SurfaceReport(figure: figure, csv: Self.csv(result.grid), text: Self.text(result, caption: figure.caption),
                             json: SurfaceJSON(result))
    }

    /// One row per grid point, b-major: `w,b,loss,dloss_dw,dloss_db`, values exact in their format.
    static func csv<T: GradFloat>(_ grid: SurfaceGrid<T>) -> String {
        var csv = CSVText(header: ["w", "b", "loss", "dloss_dw", "dloss_db"])
        csv.lines.reserveCapacity(grid.loss.count + 1)
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let i = grid.index(column: column, row: row)
                csv.append([grid.ws[column].description, grid.bs[row].description, "\(grid.loss[i])",
                            "\(grid.dLossDW[i])", "\(grid.dLossDB[i])"])
            }
        }
        return csv.rendered
    }

    /// The wall table, both runs side by side, and the caption.
    static func text<T: GradFloat>(_ result: CliffResult<T>, caption: String) -> String {
        var walls = TextTable(["w", "wall b", "x_T below", "x_T above", "|Δx_T/Δb|"])
        for wall in result.walls {
            walls.append([wall.w, wall.b, wall.stateBelow, wall.stateAbove, wall.steepness].map(NumberText.short))
        }
        var runs = TextTable(["step", "w", "b", "loss", "‖∇L‖", "‖Δθ‖", "│", "w clipped", "b clipped", "loss", "‖∇L‖", "‖Δθ‖"])
        let count = max(result.unclipped.steps.count, result.clipped.steps.count)
        for i in 0..<count {
            func cells(_ path: DescentPath) -> [String] {
                guard i < path.steps.count else { return ["", "", "", "", ""] }
                let s = path.steps[i]
                return [s.w, s.b, s.loss, s.gradientNorm, s.stepLength].map(NumberText.short).enumerated()
                    .map { $0.offset == 4 && s.clipped ? $0.element + "*" : $0.element }
            }
            runs.append([String(i)] + cells(result.unclipped) + ["│"] + cells(result.clipped))
        }
        let wallText = result.walls.isEmpty ? "No wall: x_T has no jump along b at the sampled w." : walls.rendered
        return """
        Wall (bisection on b at fixed w: where x_T jumps between the basins)
        \(wallText)

        Gradient descent: unclipped │ clipped at \(NumberText.short(result.experiment.clipThreshold)) (* = step rescaled)
        \(runs.rendered)

        \(caption)
        """
    }
}

/// The JSON document of `surface --format json`: settings, walls, both runs, the grid (flat, row-major by b).
struct SurfaceJSON: Encodable {
    struct Run: Encodable {
        var learningRate: Double
        var clipThreshold: Double?
        var longestStep: Double
        var displacement: Double
        var stayedFinite: Bool
        var steps: [DescentPath.Step]
    }

    var activation: String
    var loss: SurfaceLoss
    var initialState, target: Double
    var steps: Int
    var precision: Precision
    var wRange, bRange: [Double]
    var columns, rows: Int
    var maximumGradientNorm: Double?
    var maximumGradientW, maximumGradientB: Double?
    var walls: [BasinBoundary]
    var unclipped, clipped: Run
    var ws, bs, lossValues, dLossDW, dLossDB: [Double]

    enum CodingKeys: String, CodingKey {
        case activation, loss, initialState, target, steps, precision, wRange, bRange, columns, rows
        case maximumGradientNorm, maximumGradientW, maximumGradientB, walls, unclipped, clipped, ws, bs
        case lossValues = "lossGrid", dLossDW = "dLossDWGrid", dLossDB = "dLossDBGrid"
    }

    init<T: GradFloat>(_ result: CliffResult<T>) {
        let e = result.experiment, grid = result.grid
        func run(_ path: DescentPath) -> Run {
            Run(learningRate: path.learningRate, clipThreshold: path.clipThreshold, longestStep: path.longestStep,
                displacement: path.displacement, stayedFinite: path.stayedFinite, steps: path.steps)
        }
        activation = e.model.activation.name
        loss = e.model.loss
        initialState = e.model.initialState
        target = e.model.target
        steps = e.model.steps
        precision = T.precision
        wRange = [e.weights.lowerBound, e.weights.upperBound]
        bRange = [e.biases.lowerBound, e.biases.upperBound]
        columns = grid.columns
        rows = grid.rows
        let peak = grid.maximumGradient
        maximumGradientNorm = peak?.norm
        maximumGradientW = peak?.w
        maximumGradientB = peak?.b
        walls = result.walls
        unclipped = run(result.unclipped)
        clipped = run(result.clipped)
        ws = grid.ws
        bs = grid.bs
        lossValues = grid.loss.map(Double.init)
        dLossDW = grid.dLossDW.map(Double.init)
        dLossDB = grid.dLossDB.map(Double.init)
    }
}
