import Hummingbird

/// A request the API refuses: a status and one sentence naming the parameter, the allowed
/// values and what was given, sent as `{"error": "…", "parameter": "…", "column": …}`.
///
/// ```swift
/// throw APIError.outOfRange("depth", "an integer between 1 and 1000", got: "5000")
/// // 400 {"error": "depth must be an integer between 1 and 1000, got 5000.", "parameter": "depth"}
/// ```
public struct APIError: HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    /// The query parameter at fault, if one is.
    public var parameter: String?
    /// The 1-based column of a formula error.
    public var column: Int?

    public init(_ message: String, status: HTTPResponse.Status = .badRequest, parameter: String? = nil, column: Int? = nil) {
        self.status = status
        self.message = message
        self.parameter = parameter
        self.column = column
    }

    public var description: String { message }

    /// "depth must be an integer between 1 and 1000, got 5000."
    static func outOfRange(_ name: String, _ allowed: String, got value: String) -> APIError {
        APIError("\(name) must be \(allowed), got \(Self.quoted(value)).", parameter: name)
    }

    /// Shows what the client sent, shortened and quoted when it is not a plain number.
    static func quoted(_ value: String) -> String {
        let short = value.count > 40 ? String(value.prefix(40)) + "…" : value
        return Double(short) != nil ? short : "'\(short)'"
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try ExplorerRequestContext.jsonEncoder.encode(
            ErrorBody(error: message, parameter: parameter, column: column), from: request, context: context)
        response.status = status
        response.headers[.cacheControl] = "no-store"
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}

/// The JSON body of every error.
public struct ErrorBody: ResponseCodable, Equatable {
    public var error: String
    public var parameter: String?
    public var column: Int?
}
