import Hummingbird
import GradscopeCharts
import GradscopeGallery

/// `/api/surface`, `/api/surface.svg`, `/api/surface.csv`: ``SurfaceExperiment`` — Pascanu's cliff,
/// the (w, b) loss surface of x_t = w·φ(x_{t−1}) + b, its wall, and from `start=w,b` gradient
/// descent with and without norm clipping (the same report as `gradscope surface`).
///
/// The SVG's root carries the plot area (`data-plot-left/top/width/height`, SVG pixels) and
/// the data it spans (`data-w-from/to`, `data-b-from/to`), so the page maps a click to (w, b).
struct SurfaceController<Context: RequestContext> {
    /// `chart=loss|gradient` of the SVG.
    enum Chart: String, CaseIterable { case loss, gradient }

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("surface", use: json)
            .get("surface.svg", use: svg)
            .get("surface.csv", use: csv)
    }

    static func report(_ query: QueryReader) throws -> ExperimentReport<SurfaceExperiment.Document> {
        let settings = try SurfaceSettings.read(query)
        return try runExperiment { try SurfaceExperiment(settings: settings) }
    }

    @Sendable func json(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(QueryReader(request, allowed: SurfaceSettings.parameterNames)).jsonResponse()
    }

    @Sendable func svg(request: Request, context: Context) async throws -> DocumentResponse {
        let query = try QueryReader(request, allowed: SurfaceSettings.parameterNames.union(["chart"]))
        let chart = try query.choice("chart", default: Chart.loss)
        let report = try Self.report(query)
        guard var map = report.figures[0].charts[chart == .loss ? 0 : 1] as? Heatmap else {
            preconditionFailure("The cliff figure's charts are heatmaps.")
        }
        map.rootAttributes = Self.plotAreaAttributes(map)
        return DocumentResponse(kind: .svg, text: map.svg(), fileName: "gradscope-surface-\(chart.rawValue).svg")
    }

    @Sendable func csv(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(QueryReader(request, allowed: SurfaceSettings.parameterNames)).csvResponse(fileName: "gradscope-surface.csv")
    }

    /// The class and the heatmap's plot area and data window as `data-` attributes for the SVG's root.
    static func plotAreaAttributes(_ map: Heatmap) -> [SVGAttribute] {
        let area = map.plotArea
        return [SVGAttribute(name: "class", value: "surface")] + [
            ("plot-left", area.left), ("plot-top", area.top), ("plot-width", area.width), ("plot-height", area.height),
            ("w-from", area.x.lowerBound), ("w-to", area.x.upperBound), ("b-from", area.y.lowerBound), ("b-to", area.y.upperBound),
        ].map { SVGAttribute(name: "data-\($0.0)", value: "\($0.1)") }
    }
}
