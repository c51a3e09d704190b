import Hummingbird

/// `/api/figures`: S1–S8 as explorer settings with the tour's captions (the page's figure picker).
struct FiguresController<Context: RequestContext> {
    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("figures", use: list)
    }

    @Sendable func list(request: Request, context: Context) async throws -> FigureList {
        _ = try QueryReader(request, allowed: [])
        return FigureList(figures: FigurePreset.all)
    }
}
