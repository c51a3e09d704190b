import Hummingbird
import GradscopeGallery

/// `/api/overflow`, `/api/overflow.svg`, `/api/overflow.csv`: ``OverflowExperiment`` — at which depth
/// the chain's gradients at x = `at` overflow or underflow each format, predicted and observed.
/// The query parameters are `gradscope overflow`'s flags without the dashes (`max-depth=`, `narrow=true`,
/// `overflow=saturate`); `depth=` is read as `max-depth=`, up to 10000.
struct OverflowController<Context: RequestContext> {
    static var parameterNames: Set<String> {
        ChainController<Context>.chainParameterNames.union(["max-depth", "depth", "precision", "narrow", "overflow"])
    }

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("overflow", use: json)
            .get("overflow.svg", use: svg)
            .get("overflow.csv", use: csv)
    }

    /// The query as the Gallery's settings, with the CLI's defaults.
    static func settings(_ request: Request) throws(APIError) -> OverflowExperiment.Settings {
        let query = try QueryReader(request, allowed: parameterNames)
        let defaults = OverflowExperiment.Settings()
        if query.text("max-depth") != nil, query.text("depth") != nil {
            throw APIError("Give max-depth or depth, not both (depth is another name for max-depth).", parameter: "depth")
        }
        let depthName = query.text("depth") != nil ? "depth" : "max-depth"
        let narrow = try query.choice("narrow", default: Switch.false) == .true
        let precision = query.text("precision") == nil ? nil : try query.choice("precision", default: defaults.precisions[0])
        return OverflowExperiment.Settings(
            chain: try ChainController<Context>.chainSettings(query),
            maxDepth: try query.integer(depthName, in: Limits.overflowDepth, default: defaults.maxDepth),
            precisions: OverflowExperiment.Settings.precisions(only: precision, narrow: narrow),
            overflow: try query.choice("overflow", default: defaults.overflow))
    }

    static func report(_ request: Request) throws -> ExperimentReport<OverflowExperiment.Document> {
        let experiment: OverflowExperiment
        do { experiment = try OverflowExperiment(settings: try settings(request)) } catch let error as SettingsError { throw APIError(error) }
        return try experiment.run(progress: RequestProgress())
    }

    @Sendable func json(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(request).jsonResponse()
    }

    @Sendable func svg(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(request).svgResponse(fileName: "gradscope-overflow.svg")
    }

    @Sendable func csv(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(request).csvResponse(fileName: "gradscope-overflow.csv")
    }
}

/// A query's `true`/`false` (`narrow=true`).
enum Switch: String, CaseIterable { case `true`, `false` }
