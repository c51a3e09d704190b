import Hummingbird
import GradscopeGallery

/// `/api/layers`, and `/api/layers.csv`, `/api/layers.svg` with a wide-network parameter: ``LayersExperiment``
/// — per-layer statistics and histograms of random wide networks beside the mean-field prediction, the
/// query parameters being `gradscope layers`' flags without the dashes (`width=`, `init=`, `sigma-w2=`…).
///
/// Without any of `width`, `init`, `sigma-w2`, `sigma-b2`, `batch`, `seeds`, `seed`, `/api/layers.svg` and
/// `/api/layers.csv` are the explorer page's per-layer chart and its data for the parameters of `/api/view`:
/// the chain's per-layer table, or for a typed formula the curves at x = `at` for every depth 1…L.
struct LayersController<Context: RequestContext> {
    static var parameterNames: Set<String> { wideParameterNames.union(["activation", "depth"]) }

    /// The names only `gradscope layers` takes, which select it over the explorer's chart.
    static var wideParameterNames: Set<String> { ["width", "init", "sigma-w2", "sigma-b2", "batch", "seeds", "seed"] }

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("layers", use: json)
            .get("layers.svg", use: svg)
            .get("layers.csv", use: csv)
    }

    /// The query as the Gallery's settings, with the CLI's defaults.
    static func settings(_ request: Request) throws(APIError) -> LayersExperiment.Settings {
        let query = try QueryReader(request, allowed: parameterNames)
        let defaults = LayersExperiment.Settings()
        let seed: UInt64
        if let text = query.text("seed") {
            guard let value = UInt64(text) else {
                throw .outOfRange("seed", "an integer between 0 and \(UInt64.max)", got: text)
            }
            seed = value
        } else {
            seed = defaults.seed
        }
        return LayersExperiment.Settings(
            width: try query.integer("width", in: LayersExperiment.Settings.widths, default: defaults.width),
            depth: try query.integer("depth", in: LayersExperiment.Settings.depths, default: defaults.depth),
            activation: try query.activation("activation", default: defaults.activation),
            initialization: query.text("init") ?? defaults.initialization,
            sigmaW2: query.text("sigma-w2") == nil ? nil : try query.number("sigma-w2", default: 1),
            sigmaB2: try query.number("sigma-b2", default: defaults.sigmaB2),
            batch: try query.integer("batch", in: LayersExperiment.Settings.batches, default: defaults.batch),
            seeds: try query.integer("seeds", in: LayersExperiment.Settings.seedCounts, default: defaults.seeds),
            seed: seed)
    }

    static func report(_ request: Request) throws -> ExperimentReport<LayersExperiment.Document> {
        let experiment: LayersExperiment
        do { experiment = try LayersExperiment(settings: try settings(request)) } catch let error as SettingsError { throw APIError(error) }
        return try experiment.run(progress: RequestProgress())
    }

    /// Whether the query names a parameter only `gradscope layers` takes.
    static func asksForWideNetworks(_ request: Request) -> Bool {
        let names = (request.uri.query ?? "").split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "" }
        return names.contains { wideParameterNames.contains(QueryReader.decode(Substring($0)) ?? $0) }
    }

    @Sendable func json(request: Request, context: Context) async throws -> DocumentResponse {
        try Self.report(request).jsonResponse()
    }

    @Sendable func svg(request: Request, context: Context) async throws -> DocumentResponse {
        if Self.asksForWideNetworks(request) { return try Self.report(request).svgResponse(fileName: "gradscope-layers.svg") }
        let settings = try CurvesController<Context>.settings(request)
        return DocumentResponse(kind: .svg, text: try ExplorerRenderer(settings: settings).layerChart().svg(), fileName: "gradscope-layers.svg")
    }

    @Sendable func csv(request: Request, context: Context) async throws -> DocumentResponse {
        if Self.asksForWideNetworks(request) { return try Self.report(request).csvResponse(fileName: "gradscope-layers.csv") }
        let settings = try CurvesController<Context>.settings(request)
        let text = settings.isTyped
            ? try settings.curvesByDepth(at: settings.chain.input).csv
            : try ExplorerRenderer(settings: settings).chainReport().table.csv
        return DocumentResponse(kind: .csv, text: text, fileName: "gradscope-layers.csv")
    }
}
