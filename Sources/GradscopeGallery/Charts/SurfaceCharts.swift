import Foundation
import GradscopeCharts
import GradscopeCore

/// Charts of Pascanu's cliff: the loss and log10‖∇L‖ over (w, b) with both descents on top.
public enum SurfaceCharts {
    /// Heatmaps and the caption that goes under them.
    public struct Cliff: Sendable {
        /// The loss (linear colours) and ‖∇L‖ (log10 colours), each with both trajectories.
        public var charts: [Heatmap]
        /// Numbers from the data: the wall, the largest gradient, how far each run went.
        public var caption: String
    }

    /// What a cliff figure draws over the surface: both descents from the start, or only the wall.
    public enum Content: Sendable {
        case surfaceAndDescents
        /// No descent was asked for (the explorer before a click): no trajectory, no sentence about one.
        case surfaceOnly
    }

    /// One heatmap of the cliff figure: the loss or ‖∇L‖.
    public enum Map: String, CaseIterable, Sendable { case loss, gradient }

    /// The heatmap `map` of a surface report's figure as an SVG whose root carries the class
    /// `surface`, the plot area (`data-plot-left/top/width/height`, SVG pixels) and the data it
    /// spans (`data-w-from/to`, `data-b-from/to`), so that a page maps a click to (w, b).
    public static func annotatedSVG(_ figure: Figure, map: Map) -> String {
        guard var heatmap = figure.charts[map == .loss ? 0 : 1] as? Heatmap else {
            preconditionFailure("The cliff figure's charts are heatmaps.")
        }
        let area = heatmap.plotArea
        heatmap.rootAttributes = [SVGAttribute(name: "class", value: "surface")] + [
            ("plot-left", area.left), ("plot-top", area.top), ("plot-width", area.width), ("plot-height", area.height),
            ("w-from", area.x.lowerBound), ("w-to", area.x.upperBound), ("b-from", area.y.lowerBound), ("b-to", area.y.upperBound),
        ].map { SVGAttribute(name: "data-\($0.0)", value: "\($0.1)") }
        return heatmap.svg()
    }

    /// Cells per axis at most in a heatmap: an SVG writes one rect per run of equal colour.
    public static let maximumCells = 128

    /// The cliff figure of an experiment's result. Grids finer than `maximumCells` are drawn in
    /// blocks: the loss at each block's centre, ‖∇L‖ as the block's largest value (so the
    /// one-sample-thin wall is never skipped).
    public static func cliff<T: GradFloat>(_ result: CliffResult<T>, drawing content: Content = .surfaceAndDescents,
                                           maximumCells: Int = maximumCells) -> Cliff {
        let grid = result.grid, experiment = result.experiment, model = experiment.model
        let columns = min(grid.columns, maximumCells), rows = min(grid.rows, maximumCells)
        func block(_ index: Int, of count: Int, over samples: Int) -> Range<Int> {
            index * samples / count ..< max(index * samples / count + 1, (index + 1) * samples / count)
        }
        var loss: [[Double]] = [], gradient: [[Double]] = []
        for r in 0..<rows {
            let rowBlock = block(r, of: rows, over: grid.rows)
            var lossRow: [Double] = [], gradientRow: [Double] = []
            for c in 0..<columns {
                let columnBlock = block(c, of: columns, over: grid.columns)
                let centre = grid.index(column: (columnBlock.lowerBound + columnBlock.upperBound - 1) / 2,
                                        row: (rowBlock.lowerBound + rowBlock.upperBound - 1) / 2)
                lossRow.append(Double(grid.loss[centre]))
                var largest = 0.0
                for i in rowBlock { for j in columnBlock {
                    let norm = grid.gradientNorm(at: grid.index(column: j, row: i))
                    if !(norm <= largest) { largest = norm }   // NaN and Inf win, so they stay visible
                } }
                gradientRow.append(largest)
            }
            loss.append(lossRow)
            gradient.append(gradientRow)
        }
        var trajectories = content == .surfaceOnly ? [] : [
            Trajectory(name: "unclipped", xs: result.unclipped.steps.map(\.w), ys: result.unclipped.steps.map(\.b), colour: "#FF3B30"),
            Trajectory(name: "clipped at \(NumberText.caption(experiment.clipThreshold))",
                       xs: result.clipped.steps.map(\.w), ys: result.clipped.steps.map(\.b), colour: "#FFFFFF"),
        ]
        if !result.walls.isEmpty {
            // Drawn from the largest w, so that its label sits away from the descents' start.
            trajectories.insert(Trajectory(name: "wall (bisection)", xs: result.walls.reversed().map(\.w), ys: result.walls.reversed().map(\.b),
                                           colour: "#00E5FF"), at: 0)
        }
        let caption = caption(result, drawing: content, drawnColumns: columns, drawnRows: rows)
        let lossMap = Heatmap(title: "Loss \(lossFormula(model))", caption: caption, xLabel: "w", yLabel: "b",
                              valueLabel: "loss", values: loss, xRange: experiment.weights, yRange: experiment.biases,
                              trajectories: trajectories)
        let gradientCaption = "The same grid: ‖∇L‖ = √((∂L/∂w)² + (∂L/∂b)²), exact (forward mode), on log colours; the cyan line is the wall found by bisection"
            + (content == .surfaceOnly ? "." : ", red the unclipped descent, white the clipped one.")
        let gradientMap = Heatmap(title: "‖∇L‖ (log colours): the wall", caption: gradientCaption, xLabel: "w", yLabel: "b",
                                  valueLabel: "‖∇L‖", values: gradient, xRange: experiment.weights,
                                  yRange: experiment.biases, colourScale: .log10, trajectories: trajectories)
        return Cliff(charts: [lossMap, gradientMap], caption: caption)
    }

    /// "(σ(x_T) − 0.7)²" or "(x_T − 0.7)²".
    static func lossFormula(_ model: SurfaceModel) -> String {
        let phi = model.activation == .sigmoid ? "σ" : model.activation.name
        let target = NumberText.caption(model.target)
        return model.loss == .output ? "(\(phi)(x_T) − \(target))²" : "(x_T − \(target))²"
    }

    /// The caption: model, grid, wall, largest gradient and both runs, every number from `result`.
    static func caption<T: GradFloat>(_ result: CliffResult<T>, drawing content: Content, drawnColumns: Int, drawnRows: Int) -> String {
        let e = result.experiment, m = e.model, grid = result.grid
        let phi = m.activation == .sigmoid ? "σ" : m.activation.name
        var parts: [String] = []
        var model = "L = \(lossFormula(m)) for x_t = w·\(phi)(x_{t−1}) + b, x_0 = \(NumberText.caption(m.initialState)), T = \(m.steps)"
        model += ", on a \(grid.columns)×\(grid.rows) grid in \(T.precision.displayName)"
        if drawnColumns < grid.columns || drawnRows < grid.rows {
            model += " (drawn as \(drawnColumns)×\(drawnRows) blocks: the loss at each block's centre, ‖∇L‖ as the block's maximum)"
        }
        parts.append(model + ".")
        if let first = result.walls.first, let last = result.walls.last {
            parts.append("The wall: bisection on b finds x_T jumping between the two basins at \(result.walls.count) of "
                + "\(e.wallSamples) sampled w, from b = \(NumberText.caption(first.b)) at w = \(NumberText.caption(first.w)) "
                + "to b = \(NumberText.caption(last.b)) at w = \(NumberText.caption(last.w)) (where x_0 is the unstable fixed point, b = x_0 − w·\(phi)(x_0)).")
        } else {
            parts.append("No wall: x_T has no jump along b at any of the \(e.wallSamples) sampled w.")
        }
        if let peak = grid.maximumGradient {
            parts.append("Largest ‖∇L‖ on the grid: \(NumberText.caption(peak.norm)) at (w, b) = (\(NumberText.caption(peak.w)), \(NumberText.caption(peak.b))). "
                + "Where w·\(phi)'(x_0) ≫ 1 the gradient explodes only within about (w·\(phi)'(x_0))^−T of the wall, far less than a grid cell: there the wall shows as the jump in the loss and a ridge of ‖∇L‖.")
        }
        let nonFinite = grid.nonFiniteCount
        if nonFinite > 0 { parts.append("\(nonFinite) grid points are NaN or ±Inf in \(T.precision.displayName).") }
        guard content == .surfaceAndDescents else {
            parts.append("Give a start point (w, b) to run gradient descent from there, with and without clipping.")
            return parts.joined(separator: " ")
        }
        parts.append("Descent from (\(NumberText.caption(e.startWeight)), \(NumberText.caption(e.startBias))) with η = \(NumberText.caption(e.learningRate)), \(e.iterations) steps: "
            + runSummary("unclipped", result.unclipped) + "; " + runSummary("clipped at \(NumberText.caption(e.clipThreshold))", result.clipped) + ".")
        return parts.joined(separator: " ")
    }

    static func runSummary(_ name: String, _ path: DescentPath) -> String {
        guard let last = path.steps.last else { return "\(name): no steps" }
        var text = "\(name) — longest step \(NumberText.caption(path.longestStep))"
        if let longest = path.steps.max(by: { $0.stepLength < $1.stepLength }) {
            text += " (step \(longest.iteration + 1), from (\(NumberText.caption(longest.w)), \(NumberText.caption(longest.b))) where ‖∇L‖ = \(NumberText.caption(longest.gradientNorm)))"
        }
        text += ", "
        text += "ends \(NumberText.caption(path.displacement)) from the start at (\(NumberText.caption(last.w)), \(NumberText.caption(last.b))) "
        text += "with loss \(NumberText.caption(last.loss))"
        if path.clipThreshold != nil { text += ", \(path.clippedCount) step\(path.clippedCount == 1 ? "" : "s") clipped" }
        if !path.stayedFinite { text += ", stopped at a non-finite gradient after \(last.iteration) steps" }
        return text
    }
}
