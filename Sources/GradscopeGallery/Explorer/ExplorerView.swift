import Foundation
import GradscopeCore

/// `/api/view`: everything the page redraws after a control changes, in one response —
/// the three charts as SVG and the numbers behind them.
public struct ExplorerView: Codable, Sendable {
    public struct Charts: Codable, Sendable {
        /// y(x) at the shown depths.
        public var values: String
        /// |dy/dx| on a log axis with the precision's limits.
        public var slopes: String
        /// Per-layer gradient magnitudes at x = `at`.
        public var layers: String
    }

    /// The key numbers of one shown depth (``Steepest``).
    public struct DepthNumbers: Codable, Equatable, Sendable {
        public var depth: Int
        /// The largest |dy/dx| over the grid (Infinity when it overflowed; NaN values are skipped).
        public var maxSlope: Double
        /// Where it is.
        public var maxSlopeAt: Double
        public var minY: Double
        public var maxY: Double
        /// How many y and dy/dx values are ±Inf or NaN.
        public var nonFinite: Int
    }

    /// Where |dy_L/dx| of the chain at x = `at` overflows or underflows each format (observed by running it).
    public struct FormatDepths: Codable, Equatable, Sendable {
        public var precision: Precision
        public var overflowDepth: Int?
        public var underflowDepth: Int?
    }

    public var formula: String
    public var firstLayer: String?
    /// Whether the formula was typed (`formula=`) or built from the chain controls.
    public var typed: Bool
    public var depth: Int
    public var depths: [Int]
    /// Which depths are drawn, in words.
    public var depthNote: String
    public var precision: Precision
    public var overflow: OverflowRule
    /// The precision's largest finite value.
    public var overflowLimit: Double
    public var input: Double
    public var numbers: [DepthNumbers]
    /// Chain controls only: the depth at which each format overflows, up to `formatDepthLimit`.
    public var formats: [FormatDepths]?
    public var charts: Charts
    /// Server time to compute and draw, in milliseconds.
    public var computeMilliseconds: Double

    /// Computes and draws the view.
    /// - Parameter formatDepthLimit: the deepest layer the format table looks at.
    /// - Throws: `CancellationError` when `progress` is cancelled, or a settings error.
    public init(settings: ExplorerSettings, formatDepthLimit: Int, progress: (any ExperimentProgress)?) throws {
        let start = ContinuousClock.now
        let curves = try settings.chartCurves(progress: progress)
        if progress?.isCancelled == true { throw CancellationError() }
        let renderer = ExplorerRenderer(settings: settings)
        charts = Charts(values: renderer.valueChart(curves).svg(), slopes: renderer.slopeChart(curves).svg(),
                        layers: try renderer.layerChart().svg())
        formats = renderer.formatDepths(maxDepth: formatDepthLimit)
        formula = curves.formula
        firstLayer = curves.firstLayer
        typed = settings.isTyped
        depth = settings.depth
        depths = settings.depths
        depthNote = DepthSelection.describe(settings.depths, of: settings.depth)
        precision = settings.precision
        overflow = settings.overflow
        overflowLimit = settings.precision.greatestFiniteMagnitude
        input = settings.chain.input
        numbers = curves.curves.map { curve in
            let steepest = Steepest(curve, xs: curves.x)
            return DepthNumbers(depth: curve.depth ?? 1, maxSlope: steepest.slope, maxSlopeAt: steepest.at, minY: steepest.minY,
                                maxY: steepest.maxY, nonFinite: steepest.nonFinite)
        }
        let elapsed = ContinuousClock.now - start
        computeMilliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
    }
}
