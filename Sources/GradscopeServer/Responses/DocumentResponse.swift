import Hummingbird

/// A text document sent as is, in UTF-8: an experiment's JSON, an SVG chart, a CSV table, or one of the page's assets.
///
/// ```swift
/// DocumentResponse(kind: .textCsv, text: report.table.csv, fileName: "gradscope-chain.csv")
/// // Content-Type: text/csv; charset=utf-8
/// // Content-Disposition: inline; filename="gradscope-chain.csv"
/// ```
struct DocumentResponse: ResponseGenerator {
    /// Its media type (`.applicationJson`, `.imageSvg`, `.textCsv`, `.textHtml`, `.textCss`, `.textJavascript`).
    var kind: MediaType
    var text: String
    /// The file name offered when the document is saved, if any.
    var fileName: String?

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: kind.withParameter(name: "charset", value: "utf-8").description]
        if let fileName { headers[.contentDisposition] = "inline; filename=\"\(fileName)\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
