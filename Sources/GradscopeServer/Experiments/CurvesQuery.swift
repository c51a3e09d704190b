import Hummingbird
import GradscopeGallery

/// `/api/curves`, `/api/curves.svg`, `/api/curves.csv`: ``PlotExperiment`` — y, dy/dx and ∂y/∂p of a
/// nested formula (typed, or built from the chain controls) at the shown depths. The JSON and CSV are
/// `gradscope plot --depths … --format json|csv` byte for byte.
struct CurvesController<Context: RequestContext> {
    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("curves", use: json)
            .get("curves.svg", use: svg)
            .get("curves.csv", use: csv)
    }

    static func settings(_ request: Request, extra: Set<String> = []) throws(APIError) -> ExplorerSettings {
        try CurvesSettings.read(QueryReader(request, allowed: CurvesSettings.parameterNames.union(extra), prefixes: CurvesSettings.parameterPrefixes))
    }

    static func report(_ request: Request) throws -> ExperimentReport<PlotExperiment.Document> {
        let settings = try Self.settings(request)
        return try answering { try settings.plot().run(progress: RequestProgress()) }
    }

    /// Runs `body`, a ``SettingsError`` becoming a 400 naming the query parameter.
    static func answering<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as SettingsError { throw APIError(error) }
    }

    @Sendable func json(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(request).jsonResponse()
    }

    @Sendable func svg(request: Request, context: Context) async throws -> DocumentResponse {
        let query = try QueryReader(request, allowed: CurvesSettings.parameterNames.union(["chart"]), prefixes: CurvesSettings.parameterPrefixes)
        let chart = try query.choice("chart", default: ExplorerRenderer.CurvesChart.both)
        let renderer = ExplorerRenderer(settings: try CurvesSettings.read(query))
        return DocumentResponse(kind: .svg, text: try Self.answering { try renderer.curvesSVG(chart, progress: RequestProgress()) }, fileName: "gradscope-\(chart.rawValue).svg")
    }

    @Sendable func csv(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(request).csvResponse(fileName: "gradscope-curves.csv")
    }
}
