import Hummingbird
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `/api/surface`, `/api/surface.svg`, `/api/surface.csv`: Pascanu's cliff — the (w, b) loss
/// surface of x_t = w·φ(x_{t−1}) + b, its wall, and from `start=w,b` gradient descent with and
/// without norm clipping (the same `CliffExperiment` and charts as `gradscope surface`).
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

    static func settings(_ request: Request, extra: Set<String> = []) throws(APIError) -> (SurfaceSettings, QueryReader) {
        let query = try QueryReader(request, allowed: SurfaceSettings.parameterNames.union(extra))
        return (try SurfaceSettings(query), query)
    }

    @Sendable func json(request: Request, context: Context) async throws -> SurfaceResponse {
        let (settings, _) = try Self.settings(request)
        return SurfaceResponse(settings, result: settings.experiment.run(in: Double.self))
    }

    @Sendable func svg(request: Request, context: Context) async throws -> DocumentResponse {
        let (settings, query) = try Self.settings(request, extra: ["chart"])
        let chart = try query.choice("chart", default: Chart.loss)
        let figure = SurfaceCharts.cliff(settings.experiment.run(in: Double.self))
        var map = figure.charts[chart == .loss ? 0 : 1]
        if settings.start == nil {
            map.trajectories.removeAll { $0.name.hasPrefix("unclipped") || $0.name.hasPrefix("clipped") }
            // The captions' sentences about the descents give way to how to start one.
            if let range = map.caption.range(of: " Descent from ") {
                map.caption = String(map.caption[..<range.lowerBound])
            } else if let range = map.caption.range(of: ", red the unclipped") {
                map.caption = String(map.caption[..<range.lowerBound]) + "."
            }
            map.caption += " Click the map to start gradient descent there."
        }
        return DocumentResponse(kind: .svg, text: Self.withPlotArea(map), fileName: "gradscope-surface-\(chart.rawValue).svg")
    }

    @Sendable func csv(request: Request, context: Context) async throws -> DocumentResponse {
        let (settings, _) = try Self.settings(request)
        let result = settings.experiment.run(in: Double.self)
        return DocumentResponse(kind: .csv, text: SurfaceResponse.csv(result.grid), fileName: "gradscope-surface.csv")
    }

    /// The heatmap's SVG with its plot area and data window as `data-` attributes on the root.
    static func withPlotArea(_ map: Heatmap) -> String {
        let area = map.plotArea
        let attributes = [("plot-left", area.left), ("plot-top", area.top), ("plot-width", area.width), ("plot-height", area.height),
                          ("w-from", area.x.lowerBound), ("w-to", area.x.upperBound),
                          ("b-from", area.y.lowerBound), ("b-to", area.y.upperBound)]
            .map { "data-\($0.0)=\"\($0.1)\"" }.joined(separator: " ")
        let svg = map.svg()
        guard svg.hasPrefix("<svg ") else { return svg }
        return "<svg class=\"surface\" " + attributes + " " + svg.dropFirst(5)
    }
}
