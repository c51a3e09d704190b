import Hummingbird
import GradscopeGallery

/// `/api/activations`, `/api/activations.svg`, `/api/activations.csv`: ``ActivationsExperiment`` —
/// each activation and its derivative over a range of x. The query parameters are
/// `gradscope activations`' flags without the dashes.
struct ActivationsController<Context: RequestContext> {
    static var parameterNames: Set<String> { ["activations", "x", "points", "precision"] }

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("activations", use: json)
            .get("activations.svg", use: svg)
            .get("activations.csv", use: csv)
    }

    static func report(_ request: Request) throws -> ExperimentReport<ActivationsExperiment.Document> {
        let query = try QueryReader(request, allowed: parameterNames)
        let defaults = ActivationsExperiment.Settings()
        var activations = defaults.activations
        if let text = query.text("activations") {
            do { activations = try ActivationsExperiment.Settings.activations(from: text) } catch let error as SettingsError { throw APIError(error) }
        }
        let settings = ActivationsExperiment.Settings(
            activations: activations, x: try query.interval("x", default: defaults.x),
            points: try query.integer("points", in: Limits.points, default: defaults.points),
            precision: try query.choice("precision", default: defaults.precision))
        let experiment: ActivationsExperiment
        do { experiment = try ActivationsExperiment(settings: settings) } catch { throw APIError(error) }
        return try experiment.run(progress: RequestProgress())
    }

    @Sendable func json(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(request).jsonResponse()
    }

    @Sendable func svg(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(request).svgResponse(fileName: "gradscope-activations.svg")
    }

    @Sendable func csv(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(request).csvResponse(fileName: "gradscope-activations.csv")
    }
}
