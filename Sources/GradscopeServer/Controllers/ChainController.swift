import Hummingbird
import GradscopeCharts
import GradscopeCore

/// `/api/chain`, `/api/chain.svg`, `/api/chain.csv`: the per-layer table of a single-unit
/// chain traced at x = `at`, and its per-layer gradient chart.
struct ChainController<Context: RequestContext> {
    static var parameterNames: Set<String> { ChainSettings.parameterNames.union(["depth", "precision"]) }

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("chain", use: json)
            .get("chain.svg", use: svg)
            .get("chain.csv", use: csv)
    }

    static func read(_ request: Request) throws(APIError) -> (settings: ChainSettings, depth: Int, precision: Precision) {
        let query = try QueryReader(request, allowed: parameterNames)
        return (try ChainSettings(query), try query.integer("depth", in: Limits.depth, default: 10), try query.choice("precision", default: .float64))
    }

    @Sendable func json(request: Request, context: Context) async throws -> ChainTable {
        let (settings, depth, precision) = try Self.read(request)
        return ChainTable(settings, depth: depth, precision: precision)
    }

    @Sendable func svg(request: Request, context: Context) async throws -> DocumentResponse {
        let (settings, depth, precision) = try Self.read(request)
        let chart = precision.visit(LayerChartVisitor(
            chain: settings.chain(depth: depth), input: settings.input,
            title: "Per-layer gradients at x = \(settings.input.shortText): \(settings.summary), \(precision.displayName)"))
        return DocumentResponse(kind: .svg, text: chart.svg(), fileName: "gradscope-layers.svg")
    }

    @Sendable func csv(request: Request, context: Context) async throws -> DocumentResponse {
        let (settings, depth, precision) = try Self.read(request)
        return DocumentResponse(kind: .csv, text: ChainTable(settings, depth: depth, precision: precision).csv, fileName: "gradscope-chain.csv")
    }
}
