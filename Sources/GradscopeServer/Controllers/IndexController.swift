import Hummingbird

/// `/api`: the endpoints, their parameters and limits; `/api/health`: a liveness probe.
struct IndexController<Context: RequestContext> {
    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get { _, _ in APIIndex.index }
            .get("health") { _, _ in APIIndex.Health(status: "ok") }
    }
}
