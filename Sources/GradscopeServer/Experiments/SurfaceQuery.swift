import Hummingbird
import GradscopeGallery

/// `/api/surface`, `/api/surface.svg`, `/api/surface.csv`: ``SurfaceExperiment`` — Pascanu's cliff,
/// the (w, b) loss surface of x_t = w·φ(x_{t−1}) + b, its wall, and from `start=w,b` gradient
/// descent with and without norm clipping (the same report as `gradscope surface`).
///
/// The SVG's root carries the plot area (`data-plot-left/top/width/height`, SVG pixels) and
/// the data it spans (`data-w-from/to`, `data-b-from/to`), so the page maps a click to (w, b).
struct SurfaceController<Context: RequestContext> {
    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("surface", use: json)
            .get("surface.svg", use: svg)
            .get("surface.csv", use: csv)
    }

    /// Runs with ``RequestProgress``: a client that leaves stops the grid at its next chunk of rows.
    static func report(_ query: QueryReader) throws -> ExperimentReport<SurfaceExperiment.Document> {
        let settings = try SurfaceSettings.read(query)
        let experiment: SurfaceExperiment
        do { experiment = try SurfaceExperiment(settings: settings) } catch { throw APIError(error) }
        return try experiment.run(progress: RequestProgress())
    }

    @Sendable func json(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(QueryReader(request, allowed: SurfaceSettings.parameterNames)).jsonResponse()
    }

    @Sendable func svg(request: Request, context: Context) async throws -> DocumentResponse {
        let query = try QueryReader(request, allowed: SurfaceSettings.parameterNames.union(["chart"]))
        let map = try query.choice("chart", default: SurfaceCharts.Map.loss)
        let report = try Self.report(query)
        return DocumentResponse(kind: .svg, text: SurfaceCharts.annotatedSVG(report.figures[0], map: map), fileName: "gradscope-surface-\(map.rawValue).svg")
    }

    @Sendable func csv(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(QueryReader(request, allowed: SurfaceSettings.parameterNames)).csvResponse(fileName: "gradscope-surface.csv")
    }
}
