import GradscopeGallery

/// How a query becomes one Gallery experiment: the parameters `/api/PATH`, `/api/PATH.svg` and
/// `/api/PATH.csv` take (`gradscope NAME`'s flags without the dashes) and the reading of them.
/// ``ExperimentRoutes`` does the rest, the same for every experiment.
///
/// ```swift
/// enum ActivationsQuery: ExperimentQuery {
///     static let parameterNames: Set<String> = ["activations", "x", "points", "precision"]
///     static func experiment(_ query: QueryReader) throws -> ActivationsExperiment { … }
/// }
/// ```
protocol ExperimentQuery {
    associatedtype Run: Experiment

    /// The endpoint's name, `/api/PATH` (the experiment's name unless told).
    static var path: String { get }
    /// The names the three routes take.
    static var parameterNames: Set<String> { get }
    /// Prefixes of further names (`param.` for `param.NAME`).
    static var parameterPrefixes: [String] { get }
    /// The query as the experiment: its settings read with the CLI's defaults, then validated by the Gallery.
    /// - Throws: ``APIError`` for a value the query cannot carry, ``SettingsError`` for one the Gallery refuses.
    static func experiment(_ query: QueryReader) throws -> Run

    /// The names `/api/PATH.svg` takes (``parameterNames`` unless it picks one of several charts with `chart=`).
    static var chartParameterNames: Set<String> { get }
    /// `/api/PATH.svg`: the report's figures unless the query draws one of several charts.
    static func chart(_ query: QueryReader) throws -> DocumentResponse
}

extension ExperimentQuery {
    static var path: String { Run.name }
    static var parameterPrefixes: [String] { [] }
    static var chartParameterNames: Set<String> { parameterNames }

    static func chart(_ query: QueryReader) throws -> DocumentResponse {
        try report(query).svgResponse(fileName: "gradscope-\(path).svg")
    }

    /// Reads the query and runs the experiment with ``RequestProgress`` (a client that leaves stops it
    /// where it checks); a ``SettingsError`` becomes a 400 naming the query parameter.
    static func report(_ query: QueryReader) throws -> ExperimentReport<Run.Document> {
        try answering { try experiment(query).run(progress: RequestProgress()) }
    }
}

/// Runs `body`, a ``SettingsError`` becoming a 400 naming the query parameter.
func answering<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as SettingsError { throw APIError(error) }
}
