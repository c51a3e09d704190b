import Hummingbird
import GradscopeGallery

/// `/api/view`: what the page redraws after each control change — the three charts and
/// their numbers (``ExplorerView``) — in one round trip. Takes the parameters of `/api/curves`.
struct ViewController<Context: RequestContext> {
    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("view", use: view)
    }

    @Sendable func view(request: Request, context: Context) async throws -> DocumentResponse {
        let settings = try CurvesController<Context>.settings(request)
        let view = try CurvesController<Context>.answering {
            try ExplorerView(settings: settings, formatDepthLimit: Limits.depth.upperBound, progress: RequestProgress())
        }
        return DocumentResponse(kind: .json, text: try ExperimentJSON.encode(view))
    }
}
