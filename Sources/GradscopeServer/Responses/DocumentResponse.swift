import Hummingbird

/// A text document sent as is: an experiment's JSON, an SVG chart, a CSV table, or one of the page's assets.
struct DocumentResponse: ResponseGenerator {
    enum Kind: String {
        case json = "application/json; charset=utf-8"
        case svg = "image/svg+xml; charset=utf-8"
        case csv = "text/csv; charset=utf-8"
        case html = "text/html; charset=utf-8"
        case css = "text/css; charset=utf-8"
        case javascript = "text/javascript; charset=utf-8"
    }

    var kind: Kind
    var text: String
    /// The file name offered when the document is downloaded (`attachment`), if any.
    var fileName: String?

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: kind.rawValue]
        if let fileName { headers[.contentDisposition] = "inline; filename=\"\(fileName)\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
