/// One experiment of the Gallery: settings, validated once → `run()` → a report.
///
/// Every face reaches the numbers through this door. A CLI command parses its
/// flags into `Settings`, calls `run(progress:)` and prints the report; an HTTP
/// controller reads the same names from the query (the flags' names without
/// the dashes) and responds with the same document. So the JSON and CSV are
/// identical on both faces by construction.
///
/// ```swift
/// let report = try ScanExperiment(settings: settings).run(progress: nil)
/// print(report.summary)
/// ```
public protocol Experiment: Sendable {
    associatedtype Settings: Sendable
    associatedtype Document: Encodable & Sendable

    /// The name the CLI subcommand and the HTTP endpoint (`/api/<name>`) share.
    static var name: String { get }

    /// The validated settings this experiment runs with.
    var settings: Settings { get }

    /// Computes everything the faces show.
    /// - Parameter progress: told how far long work has come; `nil` when nobody watches.
    /// - Throws: ``SettingsError`` or a domain error whose message is a whole sentence.
    func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<Document>
}

/// What an experiment produces, for every face at once.
public struct ExperimentReport<Document: Encodable & Sendable>: Sendable {
    /// The terminal text: headline numbers, tables and terminal charts, most urgent first.
    public var summary: String
    /// The figures (SVG charts with captions) for `--out file.svg` and the HTML report.
    public var figures: [Figure]
    /// The one machine-readable document: `--format json` and the API's body.
    public var document: Document
    /// One row per natural unit (layer, tensor, step…): `--format csv`.
    public var table: DataTable

    public init(summary: String, figures: [Figure], document: Document, table: DataTable) {
        self.summary = summary
        self.figures = figures
        self.document = document
        self.table = table
    }

    /// The document as JSON: sorted camelCase keys, non-finite numbers as "Infinity", "-Infinity", "NaN".
    public func json() throws -> String { try ExperimentJSON.encode(document) }
}

/// Told how far a long run has come. The CLI draws a bar on a terminal and
/// stays quiet when piped; the server ignores it or streams it.
public protocol ExperimentProgress: Sendable {
    /// `done` of `total` units of `stage` are finished.
    func update(stage: String, done: Int, total: Int)
    /// `true` once the caller has given up (Ctrl-C, a closed connection): long loops stop early.
    var isCancelled: Bool { get }
}

extension ExperimentProgress {
    public var isCancelled: Bool { false }
}
