import Hummingbird
import GradscopeGallery

/// `/api/chain`, `/api/chain.svg`, `/api/chain.csv`: ``ChainExperiment`` — the per-layer table of a
/// single-unit chain traced at x = `at`, and its per-layer gradient chart. The query parameters are
/// `gradscope chain`'s flags without the dashes (`first-weight=`, `overflow=saturate`), plus the post's `bias=-w/2`.
struct ChainController<Context: RequestContext> {
    /// The chain's own parameters, shared with `/api/overflow`.
    static var chainParameterNames: Set<String> { ChainSettings.parameterNames.union(["first-weight", "first-bias"]) }

    static var parameterNames: Set<String> { chainParameterNames.union(["depth", "precision", "overflow"]) }

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("chain", use: json)
            .get("chain.svg", use: svg)
            .get("chain.csv", use: csv)
    }

    /// The chain of the query (`activation`, `weight`, `bias`, `at`, `first-weight`, `first-bias`) with
    /// the CLI's defaults; depth and precision are left at theirs.
    static func chainSettings(_ query: QueryReader) throws(APIError) -> ChainExperiment.Settings {
        var settings = try ChainSettings(query, defaultInput: ChainExperiment.Settings().input).experimentSettings(
            depth: ChainExperiment.Settings().depth, precision: ChainExperiment.Settings().precision)
        if query.text("first-weight") != nil { settings.firstWeight = try query.number("first-weight", default: 0) }
        if query.text("first-bias") != nil { settings.firstBias = try query.number("first-bias", default: 0) }
        return settings
    }

    /// The query as the Gallery's settings, with the CLI's defaults.
    static func settings(_ request: Request) throws(APIError) -> ChainExperiment.Settings {
        let query = try QueryReader(request, allowed: parameterNames)
        let defaults = ChainExperiment.Settings()
        var settings = try chainSettings(query)
        settings.depth = try query.integer("depth", in: Limits.depth, default: defaults.depth)
        settings.precision = try query.choice("precision", default: defaults.precision)
        settings.overflow = try query.choice("overflow", default: defaults.overflow)
        return settings
    }

    static func report(_ request: Request) throws -> ExperimentReport<ChainExperiment.Document> {
        let experiment: ChainExperiment
        do { experiment = try ChainExperiment(settings: try settings(request)) } catch let error as SettingsError { throw APIError(error) }
        return try experiment.run(progress: RequestProgress())
    }

    @Sendable func json(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(request).jsonResponse()
    }

    @Sendable func svg(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(request).svgResponse(fileName: "gradscope-layers.svg")
    }

    @Sendable func csv(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(request).csvResponse(fileName: "gradscope-chain.csv")
    }
}
