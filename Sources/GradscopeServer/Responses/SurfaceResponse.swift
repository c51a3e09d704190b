import Hummingbird
import GradscopeCore

/// `/api/surface`: the window and grid, the wall, and (with `start`) both descents step by step.
struct SurfaceResponse: ResponseCodable {
    struct Run: Codable, Equatable {
        var learningRate: Double
        var clipThreshold: Double?
        var longestStep: Double
        var displacement: Double
        var clippedCount: Int
        var stayedFinite: Bool
        /// Each visited (w, b) with its loss, ‖∇L‖ and the step taken from it.
        var steps: [DescentPath.Step]

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

    struct Peak: Codable, Equatable { var w, b, norm: Double }

    var activation: String
    var loss: SurfaceLoss
    var initialState, target: Double
    var steps: Int
    var wRange, bRange: [Double]
    var columns, rows: Int
    var minimumLoss, maximumLoss: Double?
    var maximumGradient: Peak?
    var walls: [BasinBoundary]
    var start: [Double]?
    var unclipped, clipped: Run?

    init(_ settings: SurfaceSettings, result: CliffResult<Double>) {
        let grid = result.grid
        activation = settings.activation.rawValue
        loss = settings.loss
        initialState = settings.initialState
        target = settings.target
        steps = settings.steps
        wRange = [settings.weights.lowerBound, settings.weights.upperBound]
        bRange = [settings.biases.lowerBound, settings.biases.upperBound]
        columns = grid.columns
        rows = grid.rows
        let finite = grid.loss.filter(\.isFinite)
        minimumLoss = finite.min()
        maximumLoss = finite.max()
        maximumGradient = grid.maximumGradient.map { Peak(w: $0.w, b: $0.b, norm: $0.norm) }
        walls = result.walls
        if let start = settings.start {
            self.start = [start.w, start.b]
            unclipped = Run(result.unclipped)
            clipped = Run(result.clipped)
        }
    }

    /// One row per grid point, b-major: `w,b,loss,dloss_dw,dloss_db`.
    static func csv(_ grid: SurfaceGrid<Double>) -> String {
        var lines = ["w,b,loss,dloss_dw,dloss_db"]
        lines.reserveCapacity(grid.loss.count + 1)
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let i = grid.index(column: column, row: row)
                lines.append("\(grid.ws[column]),\(grid.bs[row]),\(grid.loss[i]),\(grid.dLossDW[i]),\(grid.dLossDB[i])")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
