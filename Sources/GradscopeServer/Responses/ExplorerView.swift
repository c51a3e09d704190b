import Hummingbird
import GradscopeCore

/// `/api/view`: everything the page redraws after a control changes, in one response —
/// the three charts as SVG and the numbers behind them.
struct ExplorerView: ResponseCodable {
    struct Charts: Codable {
        /// y(x) at the shown depths.
        var values: String
        /// |dy/dx| on a log axis with the precision's limits.
        var slopes: String
        /// Per-layer gradient magnitudes at x = `at`.
        var layers: String
    }

    /// The key numbers of one shown depth.
    struct DepthNumbers: Codable, Equatable {
        var depth: Int
        /// The largest |dy/dx| over the grid (Infinity when it overflowed; NaN values are skipped).
        var maxSlope: Double
        /// Where it is.
        var maxSlopeAt: Double
        var minY: Double
        var maxY: Double
        /// How many y and dy/dx values are ±Inf or NaN.
        var nonFinite: Int
    }

    /// Where |dy_L/dx| of the chain at x = `at` overflows or underflows each format (observed by running it).
    struct FormatDepths: Codable, Equatable {
        var precision: Precision
        var overflowDepth: Int?
        var underflowDepth: Int?
    }

    var formula: String
    var firstLayer: String?
    /// Whether the formula was typed (`formula=`) or built from the chain controls.
    var typed: Bool
    var depth: Int
    var depths: [Int]
    /// Which depths are drawn, in words.
    var depthNote: String
    var precision: Precision
    /// The precision's largest finite value.
    var overflowLimit: Double
    var input: Double
    var numbers: [DepthNumbers]
    /// Chain controls only: the depth at which each format overflows, up to depth 1000.
    var formats: [FormatDepths]?
    var charts: Charts
    /// Server time to compute and draw, in milliseconds.
    var computeMilliseconds: Double
}

extension ExplorerView.DepthNumbers {
    init(_ curve: FormulaCurves.Curve, xs: [Double]) {
        depth = curve.depth ?? 1
        var best = -1
        for i in curve.dydx.indices where !curve.dydx[i].isNaN {
            if best < 0 || curve.dydx[i].magnitude > curve.dydx[best].magnitude { best = i }
        }
        maxSlope = best < 0 ? .nan : curve.dydx[best].magnitude
        maxSlopeAt = best < 0 ? .nan : xs[best]
        let finite = curve.y.filter(\.isFinite)
        minY = finite.min() ?? .nan
        maxY = finite.max() ?? .nan
        nonFinite = curve.y.count { !$0.isFinite } + curve.dydx.count { !$0.isFinite }
    }
}
