import Hummingbird
import Logging

/// The explorer app: the page, its assets and the JSON/SVG/CSV API.
///
/// ```swift
/// let app = buildApplication(ApplicationConfiguration(address: .hostname("127.0.0.1", port: 8080)))
/// try await app.runService()
/// ```
/// - Parameters:
///   - configuration: Where to listen; bind 127.0.0.1 unless the user asks otherwise.
///   - logLevel: `.info` logs each request's method and path.
///   - onServerRunning: Called with the bound port once the server listens (useful with port 0).
public func buildApplication(
    _ configuration: ApplicationConfiguration,
    logLevel: Logger.Level = .notice,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    var logger = Logger(label: "gradscope.serve")
    logger.logLevel = logLevel
    return Application(
        router: buildRouter(),
        configuration: configuration,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
        logger: logger)
}

/// The routes: `/`, `/explorer.css`, `/explorer.js` and `/api/…` (listed at `/api`).
public func buildRouter() -> Router<ExplorerRequestContext> {
    let router = Router(context: ExplorerRequestContext.self)
    router.addMiddleware {
        LogRequestsMiddleware(.info)
        APIErrorMiddleware()
    }
    router.addRoutes(PageController().endpoints)
    router.addRoutes(IndexController().endpoints, atPath: "/api")
    router.addRoutes(CurvesController().endpoints, atPath: "/api")
    router.addRoutes(ViewController().endpoints, atPath: "/api")
    router.addRoutes(LayersController().endpoints, atPath: "/api")
    router.addRoutes(ChainController().endpoints, atPath: "/api")
    router.addRoutes(OverflowController().endpoints, atPath: "/api")
    router.addRoutes(FiguresController().endpoints, atPath: "/api")
    // The (w, b) loss surface (Pascanu's cliff) with gradient descent from a clicked start.
    router.addRoutes(SurfaceController().endpoints, atPath: "/api")
    return router
}
