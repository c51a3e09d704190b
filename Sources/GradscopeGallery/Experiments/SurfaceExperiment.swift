import Foundation
import GradscopeCharts
import GradscopeCore

/// `gradscope surface` and `/api/surface`: Pascanu's cliff — the (w, b) loss surface of
/// `x_t = w·φ(x_{t−1}) + b` with its exact gradient, the wall found by bisection, and, from an
/// optional start, gradient descent with and without norm clipping (Pascanu et al. 2013, Algorithm 1).
///
/// ```swift
/// let report = try SurfaceExperiment(settings: .init(grid: 64)).run(progress: nil)
/// report.document.clipped?.longestStep   // ≤ lr·clip = 1
/// ```
public struct SurfaceExperiment: Experiment {
    public static let name = "surface"
    public let settings: Settings

    /// - Throws: ``SettingsError`` naming the first unusable setting.
    public init(settings: Settings) throws(SettingsError) {
        try settings.validate()
        self.settings = settings
    }

    /// Ctrl-C or a closed connection (`progress.isCancelled`) stops the grid at its next chunk of rows
    /// and skips the descents and walls: the run throws `CancellationError`.
    public func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<Document> {
        let cancelled: @Sendable () -> Bool = { progress?.isCancelled ?? false }
        if cancelled() { throw CancellationError() }
        progress?.update(stage: "surface", done: 0, total: 1)
        guard let report = settings.precision.visit(Runner(settings: settings, isCancelled: cancelled), overflow: settings.overflow) else { throw CancellationError() }
        progress?.update(stage: "surface", done: 1, total: 1)
        return report
    }

    private struct Runner: PrecisionVisitor {
        let settings: Settings
        let isCancelled: @Sendable () -> Bool

        /// The report, or nil once cancelled (before the table and charts are built).
        func visit<T: GradFloat>(_ type: T.Type) -> ExperimentReport<Document>? {
            let result = settings.cliff.run(in: T.self, isCancelled: isCancelled)
            if isCancelled() { return nil }
            let content: SurfaceCharts.Content = settings.start == nil ? .surfaceOnly : .surfaceAndDescents
            let cliff = SurfaceCharts.cliff(result, drawing: content)
            let table = Self.table(result.grid)
            let figure = Figure(id: "surface", title: "Pascanu's cliff", explanation: "The loss and ‖∇L‖ over (w, b), the wall and the descents.",
                                charts: cliff.charts, table: table, caption: cliff.caption, data: table)
            return ExperimentReport(summary: Self.text(result, content: content, caption: cliff.caption), figures: [figure],
                                    document: Document(result, start: settings.start,
                                                       overflow: settings.precision.narrowFormat == nil ? nil : settings.overflow),
                                    table: table)
        }

        /// One row per grid point, b-major: `w,b,loss,dloss_dw,dloss_db` (each value widened exactly to Double).
        static func table<T: GradFloat>(_ grid: SurfaceGrid<T>) -> DataTable {
            var table = DataTable(columns: ["w", "b", "loss", "dloss_dw", "dloss_db"])
            table.rows.reserveCapacity(grid.loss.count)
            for row in 0..<grid.rows {
                for column in 0..<grid.columns {
                    let i = grid.index(column: column, row: row)
                    table.rows.append([.number(grid.ws[column]), .number(grid.bs[row]), .number(Double(grid.loss[i])),
                                       .number(Double(grid.dLossDW[i])), .number(Double(grid.dLossDB[i]))])
                }
            }
            return table
        }

        /// The wall table, both runs side by side (when there are runs), and the caption.
        static func text<T: GradFloat>(_ result: CliffResult<T>, content: SurfaceCharts.Content, caption: String) -> String {
            var walls = TextTable(["w", "wall b", "x_T below", "x_T above", "|Δx_T/Δb|"])
            for wall in result.walls {
                // The steepness is a quotient: always 6 significant digits, never a 14-digit integer beside "1.06114e+13".
                walls.append([wall.w, wall.b, wall.stateBelow, wall.stateAbove].map(TerminalNumber.short) + [String(format: "%.6g", wall.steepness)])
            }
            let wallText = result.walls.isEmpty ? "No wall: x_T has no jump along b at the sampled w." : walls.rendered
            var text = "Wall (bisection on b at fixed w: where x_T jumps between the basins)\n\(wallText)\n\n"
            if content == .surfaceAndDescents {
                var runs = TextTable(["step", "w", "b", "loss", "‖∇L‖", "‖Δθ‖", "│", "w clipped", "b clipped", "loss", "‖∇L‖", "‖Δθ‖"])
                for i in 0..<max(result.unclipped.steps.count, result.clipped.steps.count) {
                    func cells(_ path: DescentPath) -> [String] {
                        guard i < path.steps.count else { return ["", "", "", "", ""] }
                        let s = path.steps[i]
                        return [s.w, s.b, s.loss, s.gradientNorm, s.stepLength].map(TerminalNumber.short).enumerated()
                            .map { $0.offset == 4 && s.clipped ? $0.element + "*" : $0.element }
                    }
                    runs.append([String(i)] + cells(result.unclipped) + ["│"] + cells(result.clipped))
                }
                text += "Gradient descent: unclipped │ clipped at \(TerminalNumber.short(result.experiment.clipThreshold)) (* = step rescaled)\n"
                text += "\(runs.rendered)\n\n"
            }
            return text + caption
        }
    }
}

extension SurfaceExperiment {
    /// A point (w, b): where both descents start.
    public struct StartPoint: Sendable, Equatable {
        public var w: Double
        public var b: Double
        public init(w: Double, b: Double) { self.w = w; self.b = b }
    }

    /// The model, the window and grid, the descents and the format. The names are the flags'
    /// (`--x0`, `--lr`) and the query parameters' (`x0=`, `lr=`).
    public struct Settings: Sendable, Equatable {
        public var activation: Activation
        /// x_0.
        public var x0: Double
        public var target: Double
        /// Time steps T.
        public var steps: Int
        public var loss: SurfaceLoss
        /// The weight window (columns) and the bias window (rows).
        public var w: ClosedRange<Double>
        public var b: ClosedRange<Double>
        /// Grid points per axis.
        public var grid: Int
        /// Where both descents start; nil draws the surface and the wall alone.
        public var start: StartPoint?
        /// The learning rate η and Pascanu's clipping threshold.
        public var lr: Double
        public var clip: Double
        /// Descent steps of each run.
        public var iterations: Int
        public var precision: Precision
        /// Past the format's largest finite value: NaN/±Inf (`nonfinite`, the OCP rule) or ±max (`saturate`).
        /// It changes values only in float8_e4m3fn and float8_e5m2; the FP6/FP4 formats always saturate.
        public var overflow: OverflowRule

        /// Pascanu's Fig. 6 setting on the W2 window (``CliffExperiment/pascanu``).
        public init(activation: Activation = .sigmoid, x0: Double = 0.5, target: Double = 0.7, steps: Int = 50,
                    loss: SurfaceLoss = .output, w: ClosedRange<Double> = 2...14, b: ClosedRange<Double> = -10...2,
                    grid: Int = 512, start: StartPoint? = StartPoint(w: 5, b: -2.4), lr: Double = 1, clip: Double = 1,
                    iterations: Int = 40, precision: Precision = .float64, overflow: OverflowRule = .nonfinite) {
            self.activation = activation
            self.x0 = x0
            self.target = target
            self.steps = steps
            self.loss = loss
            self.w = w
            self.b = b
            self.grid = grid
            self.start = start
            self.lr = lr
            self.clip = clip
            self.iterations = iterations
            self.precision = precision
            self.overflow = overflow
        }

        /// 1024 × 1024 points: measured peak 0.72 GB with `--format json` (2048 took 2.3 GB).
        public static let grids = 2...1024
        public static let stepCounts = 1...10_000
        /// grid² × steps, the recurrence steps of the whole grid (about 50 million a second, release build).
        public static let maxGridWork = 1_000_000_000
        public static let iterationCounts = 0...100_000
        /// iterations × steps of each descent (two descents: about 4 s in a release build at the limit).
        public static let maxDescentWork = 100_000_000

        /// - Throws: ``SettingsError`` for a count out of range or a number that is not finite (or not positive).
        public func validate() throws(SettingsError) {
            try SettingsCheck.value("grid", grid, within: Self.grids,
                                    note: " points per axis (a 1024 × 1024 grid's rows peak at 0.72 GB as JSON; 2048 × 2048 took 2.3 GB)")
            try SettingsCheck.value("steps", steps, within: Self.stepCounts)
            guard grid * grid * steps <= Self.maxGridWork else {
                throw SettingsError(setting: nil, "A \(grid) × \(grid) grid of \(steps) steps is \(grid * grid * steps) recurrence steps; the limit is \(Self.maxGridWork). Lower grid or steps.")
            }
            try SettingsCheck.value("iterations", iterations, within: Self.iterationCounts)
            if start != nil, iterations * steps > Self.maxDescentWork {
                throw SettingsError(setting: nil, "Two descents of \(iterations) iterations × \(steps) steps are \(iterations * steps) recurrence steps each; the limit is \(Self.maxDescentWork). Lower iterations or steps.")
            }
            try SettingsCheck.finite("x0", x0)
            try SettingsCheck.finite("target", target)
            try SettingsCheck.interval("w", w)
            try SettingsCheck.interval("b", b)
            if let start, !(start.w.isFinite && start.b.isFinite) {
                throw SettingsError(setting: "start", "must be two finite numbers W,B (e.g. 5,-2.4), got \(start.w),\(start.b).")
            }
            try SettingsCheck.positiveFinite("lr", lr)
            try SettingsCheck.positiveFinite("clip", clip)
        }

        /// The core's experiment (no descent steps without a start).
        public var cliff: CliffExperiment {
            CliffExperiment(model: SurfaceModel(activation: activation, initialState: x0, target: target, steps: steps, loss: loss),
                            weights: w, biases: b, resolution: grid, startWeight: start?.w ?? 5, startBias: start?.b ?? -2.4,
                            learningRate: lr, clipThreshold: clip, iterations: start == nil ? 0 : iterations)
        }
    }

    /// `--format json` and `/api/surface`: the settings, the grid's extremes, the wall, both descents
    /// (with a start) and the grid itself (flat, row-major by b).
    public struct Document: Codable, Sendable, Equatable {
        public struct Run: Codable, Sendable, Equatable {
            public var learningRate: Double
            public var clipThreshold: Double?
            public var longestStep: Double
            public var displacement: Double
            public var clippedCount: Int
            public var stayedFinite: Bool
            /// Each visited (w, b) with its loss, ‖∇L‖ and the step taken from it.
            public var steps: [DescentPath.Step]

            init(_ path: DescentPath) {
                learningRate = path.learningRate
                clipThreshold = path.clipThreshold
                longestStep = path.longestStep
                displacement = path.displacement
                clippedCount = path.clippedCount
                stayedFinite = path.stayedFinite
                steps = path.steps
            }
        }

        /// The largest finite ‖∇L‖ on the grid and where it is.
        public struct Peak: Codable, Sendable, Equatable { public var w, b, norm: Double }

        public var activation: String
        public var loss: SurfaceLoss
        public var initialState, target: Double
        public var steps: Int
        public var precision: Precision
        /// The overflow rule of a narrow format (absent for the wide formats, where it changes nothing).
        public var overflow: OverflowRule?
        public var wRange, bRange: [Double]
        public var columns, rows: Int
        /// The smallest and largest finite loss on the grid (absent when none is finite).
        public var minimumLoss, maximumLoss: Double?
        public var maximumGradient: Peak?
        public var walls: [BasinBoundary]
        /// [w, b] of the start; absent, with both runs, when no descent was asked for.
        public var start: [Double]?
        public var unclipped, clipped: Run?
        /// The grid: ws (columns), bs (rows), and loss, ∂L/∂w, ∂L/∂b at each point, row-major by b.
        public var ws, bs, lossGrid, dLossDWGrid, dLossDBGrid: [Double]

        init<T: GradFloat>(_ result: CliffResult<T>, start: StartPoint?, overflow: OverflowRule? = nil) {
            let e = result.experiment, grid = result.grid
            self.overflow = overflow
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
            lossGrid = grid.loss.map(Double.init)
            let finite = lossGrid.filter(\.isFinite)
            minimumLoss = finite.min()
            maximumLoss = finite.max()
            maximumGradient = grid.maximumGradient.map { Peak(w: $0.w, b: $0.b, norm: $0.norm) }
            walls = result.walls
            if let start {
                self.start = [start.w, start.b]
                unclipped = Run(result.unclipped)
                clipped = Run(result.clipped)
            }
            ws = grid.ws
            bs = grid.bs
            dLossDWGrid = grid.dLossDW.map(Double.init)
            dLossDBGrid = grid.dLossDB.map(Double.init)
        }
    }
}
