import Hummingbird
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `/api/overflow`, `/api/overflow.svg`, `/api/overflow.csv`: at which depth the chain's
/// gradient at x = `at` overflows or underflows each format, predicted and observed.
struct OverflowController<Context: RequestContext> {
    static var parameterNames: Set<String> { ChainSettings.parameterNames.union(["depth", "precision"]) }

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("overflow", use: json)
            .get("overflow.svg", use: svg)
            .get("overflow.csv", use: csv)
    }

    /// The chain, the deepest depth examined (default 1000) and the formats (default all).
    static func read(_ request: Request) throws(APIError) -> (settings: ChainSettings, depth: Int, precisions: [Precision]) {
        let query = try QueryReader(request, allowed: parameterNames)
        let settings = try ChainSettings(query)
        let depth = try query.integer("depth", in: Limits.overflowDepth, default: 1000)
        let precisions: [Precision] = query.text("precision") == nil ? Precision.wideFormats : [try query.choice("precision", default: .float64)]
        return (settings, depth, precisions)
    }

    @Sendable func json(request: Request, context: Context) async throws -> OverflowReport {
        let (settings, depth, precisions) = try Self.read(request)
        return OverflowReport(settings, maxDepth: depth, precisions: precisions)
    }

    @Sendable func svg(request: Request, context: Context) async throws -> DocumentResponse {
        let (settings, depth, _) = try Self.read(request)
        let chart = ChainCharts.overflowDepths(settings.forecaster(maxDepth: depth), through: depth,
                                               title: "log10 |dy_L/dx| at x = \(settings.input.shortText): \(settings.summary)")
        return DocumentResponse(kind: .svg, text: chart.svg(), fileName: "gradscope-overflow.svg")
    }

    @Sendable func csv(request: Request, context: Context) async throws -> DocumentResponse {
        let (settings, depth, precisions) = try Self.read(request)
        return DocumentResponse(kind: .csv, text: OverflowReport(settings, maxDepth: depth, precisions: precisions).csv, fileName: "gradscope-overflow.csv")
    }
}
