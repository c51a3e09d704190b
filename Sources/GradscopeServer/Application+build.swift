import Hummingbird
import Logging
import NIOCore

/// The explorer app: the page, its assets and the JSON/SVG/CSV API.
///
/// ```swift
/// let app = buildApplication(ApplicationConfiguration(address: .hostname("127.0.0.1", port: 8080)))
/// try await app.runService()
/// ```
/// - Parameters:
///   - configuration: Where to listen; bind 127.0.0.1 unless the user asks otherwise.
///   - limits: How many heavy requests compute and wait at once, and the connection timeouts.
///   - gate: The heavy requests' gate (default: a new one with `limits`' workers and queue), to read its counts.
///   - trace: The trace `serve --trace FILE` shows at `/api/trace` and in the page (nil: none, `/api/trace` is 404).
///   - logLevel: `.info` logs each request's method and path.
///   - onServerRunning: Called with the bound port once the server listens (useful with port 0).
public func buildApplication(
    _ configuration: ApplicationConfiguration,
    limits: ServerLimits = ServerLimits(),
    gate: ComputeGate? = nil,
    trace: TraceWatch? = nil,
    logLevel: Logger.Level = .notice,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    var logger = Logger(label: "gradscope.serve")
    logger.logLevel = logLevel
    let bodyTimeout = TimeAmount.seconds(limits.bodyTimeoutSeconds)
    return Application(
        router: buildRouter(limits: limits, gate: gate, trace: trace),
        server: .http1(configuration: .init(
            additionalChannelHandlers: [ConnectionWatch(bodyTimeout: bodyTimeout)],
            idleTimeout: .seconds(limits.idleTimeoutSeconds))),
        configuration: configuration,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
        logger: logger)
}

/// The routes: `/`, `/explorer.css`, `/explorer.js` and `/api/…` (listed at `/api`).
///
/// The cheap routes (the page, `/api`, `/api/health`, `/api/figures`) always answer at once;
/// the others compute through one ``ComputeGate`` (see ``ServerLimits``).
public func buildRouter(limits: ServerLimits = ServerLimits(), gate: ComputeGate? = nil, trace: TraceWatch? = nil) -> Router<ExplorerRequestContext> {
    let router = Router(context: ExplorerRequestContext.self)
    router.addMiddleware {
        LogRequestsMiddleware(.info)
        APIErrorMiddleware()
    }
    router.addRoutes(PageController().endpoints)
    router.addRoutes(TraceController(watch: trace).page)
    router.addRoutes(IndexController().endpoints, atPath: "/api")
    router.head("/api/health") { _, _ in HTTPResponse.Status.ok }
    router.addRoutes(FiguresController().endpoints, atPath: "/api")

    let heavy = router.group("/api").add(middleware: ComputeLimitMiddleware(
        gate: gate ?? ComputeGate(workers: limits.workers, queueLimit: limits.queueLimit),
        executor: HeavyWorkExecutor(), retryAfterSeconds: limits.retryAfterSeconds))
    heavy.addRoutes(ExperimentRoutes(CurvesQuery.self).endpoints)
    heavy.addRoutes(ViewController().endpoints)
    heavy.addRoutes(ExperimentRoutes(LayersQuery.self).endpoints)
    heavy.addRoutes(ExperimentRoutes(ChainQuery.self).endpoints)
    heavy.addRoutes(ExperimentRoutes(OverflowQuery.self).endpoints)
    // The (w, b) loss surface (Pascanu's cliff) with gradient descent from a clicked start.
    heavy.addRoutes(ExperimentRoutes(SurfaceQuery.self).endpoints)
    heavy.addRoutes(ExperimentRoutes(ActivationsQuery.self).endpoints)
    // The user's own trace (`serve --trace FILE`), re-read at most every 2 s.
    heavy.addRoutes(TraceController(watch: trace).endpoints)
    return router
}
