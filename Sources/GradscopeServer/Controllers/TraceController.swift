import HTTPTypes
import Hummingbird
import GradscopeGallery

/// `/api/trace`, `/api/trace.svg`, `/api/trace.csv`: the trace `gradscope serve --trace FILE` shows, as
/// ``InspectExperiment`` reports it — the JSON is byte for byte what `gradscope inspect FILE --format json`
/// prints, read again at most every few seconds while a probe is still writing it (see ``TraceWatch``).
/// `/trace.js` is the page's trace panel. Without `--trace` the API answers 404 with the JSON error.
///
/// When the last re-read failed, the answer is the last good report with the reader's message in the
/// `Gradscope-Trace-Stale` header.
struct TraceController<Context: RequestContext> {
    /// The trace being shown, or nil without `--trace`.
    var watch: TraceWatch?

    static var staleHeader: HTTPField.Name { HTTPField.Name("Gradscope-Trace-Stale")! }

    /// The API routes, under `/api`.
    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("trace", use: json)
            .get("trace.svg", use: svg)
            .get("trace.csv", use: csv)
    }

    /// The panel's script, at the root beside `/explorer.js`.
    var page: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("/trace.js") { _, _ in DocumentResponse(kind: .textJavascript, text: PageAssets.traceScript) }
    }

    func answer(_ request: Request, _ context: Context,
                _ document: (ExperimentReport<InspectDocument>) throws -> DocumentResponse) throws -> Response {
        guard let watch else {
            throw APIError("No trace is shown: start the explorer with gradscope serve --trace FILE.", status: .notFound)
        }
        let (report, failure) = watch.current()
        var response = try document(report).response(from: request, context: context)
        if let failure {
            // A header value holds no line breaks; the reader's messages are one line, this makes sure.
            response.headers[Self.staleHeader] = String(failure.map { $0.isNewline ? " " : $0 })
        }
        return response
    }

    @Sendable func json(request: Request, context: Context) async throws -> Response {
        try answer(request, context) { try $0.jsonResponse() }
    }

    @Sendable func svg(request: Request, context: Context) async throws -> Response {
        try answer(request, context) { $0.svgResponse(fileName: "gradscope-trace.svg") }
    }

    @Sendable func csv(request: Request, context: Context) async throws -> Response {
        try answer(request, context) { $0.csvResponse(fileName: "gradscope-trace.csv") }
    }
}
