import Hummingbird
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `/api/curves`, `/api/curves.svg`, `/api/curves.csv`: y, dy/dx and ∂y/∂p of a nested
/// formula (typed, or built from the chain controls) at the shown depths.
struct CurvesController<Context: RequestContext> {
    /// Which chart `/api/curves.svg` draws.
    enum ChartChoice: String, CaseIterable {
        case values, slopes, both
    }

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("curves", use: json)
            .get("curves.svg", use: svg)
            .get("curves.csv", use: csv)
    }

    static func settings(_ request: Request, extra: Set<String> = []) throws(APIError) -> CurvesSettings {
        try CurvesSettings(QueryReader(request, allowed: CurvesSettings.parameterNames.union(extra), prefixes: CurvesSettings.parameterPrefixes))
    }

    @Sendable func json(request: Request, context: Context) async throws -> CurvesResponse {
        CurvesResponse(try Self.settings(request).curves())
    }

    @Sendable func svg(request: Request, context: Context) async throws -> DocumentResponse {
        let query = try QueryReader(request, allowed: CurvesSettings.parameterNames.union(["chart"]), prefixes: CurvesSettings.parameterPrefixes)
        let choice: ChartChoice = try query.choice("chart", default: .both)
        let settings = try CurvesSettings(query)
        let curves = try settings.chartCurves()
        let renderer = ExplorerRenderer(settings: settings)
        let text = switch choice {
        case .values: renderer.valueChart(curves).svg()
        case .slopes: renderer.slopeChart(curves).svg()
        case .both: SVGStack.horizontal([renderer.valueChart(curves), renderer.slopeChart(curves)])
        }
        return DocumentResponse(kind: .svg, text: text, fileName: "gradscope-\(choice.rawValue).svg")
    }

    @Sendable func csv(request: Request, context: Context) async throws -> DocumentResponse {
        DocumentResponse(kind: .csv, text: try Self.settings(request).curves().csv, fileName: "gradscope-curves.csv")
    }
}
