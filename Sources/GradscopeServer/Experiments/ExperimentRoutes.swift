import Hummingbird
import GradscopeGallery

/// `/api/PATH`, `/api/PATH.svg`, `/api/PATH.csv` of one Gallery experiment, the same for each: the query
/// read by `Query` into the experiment, run, and its report's JSON, chart and table sent as they are,
/// so that `/api/PATH` is `gradscope NAME --format json` and `/api/PATH.csv` is `--format csv`.
///
/// ```swift
/// heavy.addRoutes(ExperimentRoutes(ChainQuery.self).endpoints)   // /api/chain, /api/chain.svg, /api/chain.csv
/// ```
struct ExperimentRoutes<Query: ExperimentQuery, Context: RequestContext> {
    init(_ query: Query.Type) {}

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(RouterPath(Query.path), use: json)
            .get(RouterPath("\(Query.path).svg"), use: svg)
            .get(RouterPath("\(Query.path).csv"), use: csv)
    }

    /// The request's query, accepting `names` (and `Query`'s prefixes) only.
    static func query(_ request: Request, allowing names: Set<String> = Query.parameterNames) throws(APIError) -> QueryReader {
        try QueryReader(request, allowed: names, prefixes: Query.parameterPrefixes)
    }

    @Sendable func json(request: Request, context: Context) async throws -> DocumentResponse {
        try Query.report(Self.query(request)).jsonResponse()
    }

    @Sendable func svg(request: Request, context: Context) async throws -> DocumentResponse {
        try Query.chart(Self.query(request, allowing: Query.chartParameterNames))
    }

    @Sendable func csv(request: Request, context: Context) async throws -> DocumentResponse {
        try Query.report(Self.query(request)).csvResponse(fileName: "gradscope-\(Query.path).csv")
    }
}
