import Hummingbird
import GradscopeGallery

/// What the page shows for its controls (the parameters of `/api/curves`, and `at`):
/// - `/api/view`: the three charts and their numbers (``ExplorerView``), redrawn after each change in one round trip;
/// - `/api/view/layers.svg`, `/api/view/layers.csv`: the per-layer chart and its data at x = `at` — for the chain
///   controls ``ChainExperiment``'s chart and table (`/api/chain`'s), for a typed formula the curves at x = `at`
///   for every depth 1…L.
struct ViewController<Context: RequestContext> {
    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("view", use: view)
            .get("view/layers.svg", use: layersSVG)
            .get("view/layers.csv", use: layersCSV)
    }

    static func settings(_ request: Request) throws(APIError) -> ExplorerSettings {
        try CurvesSettings.read(ExperimentRoutes<CurvesQuery, Context>.query(request))
    }

    @Sendable func view(request: Request, context: Context) async throws -> DocumentResponse {
        let settings = try Self.settings(request)
        let view = try answering {
            try ExplorerView(settings: settings, formatDepthLimit: Limits.depth.upperBound, progress: RequestProgress())
        }
        return DocumentResponse(kind: .applicationJson, text: try ExperimentJSON.encode(view))
    }

    @Sendable func layersSVG(request: Request, context: Context) async throws -> DocumentResponse {
        let renderer = ExplorerRenderer(settings: try Self.settings(request))
        return DocumentResponse(kind: .imageSvg, text: try answering { try renderer.layerChart().svg() }, fileName: "gradscope-view-layers.svg")
    }

    @Sendable func layersCSV(request: Request, context: Context) async throws -> DocumentResponse {
        let settings = try Self.settings(request)
        let text = try answering {
            settings.isTyped ? try settings.curvesByDepth(at: settings.chain.input).csv : try ExplorerRenderer(settings: settings).chainReport().table.csv
        }
        return DocumentResponse(kind: .textCsv, text: text, fileName: "gradscope-view-layers.csv")
    }
}
