import Hummingbird

/// Turns every failure into the API's JSON error shape `{"error": "…"}`: unknown routes,
/// Hummingbird's own `HTTPError`s, and (logged, not shown) anything unexpected. Control
/// characters the client sent and the message echoes are shown as `\u{1b}`, as the CLI does.
/// Adds headers that keep the page offline-only (no third-party origins) and API answers uncached.
///
/// Requests the HTTP decoder rejects before they reach the application (a garbled request
/// line, an unknown method, a header over 80 KB or more than 1000 headers, broken chunked
/// encoding) get NIO's `400` with an empty body and the connection closed; nothing here sees them.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch var error as APIError {
            error.message = Self.escaped(error.message)
            error.parameter = error.parameter.map(Self.escaped)
            throw error
        } catch let error as HTTPError where error.status == .notFound {
            throw APIError("No page or endpoint at \(request.method) \(Self.escaped(Self.shortPath(request))). The explorer is at / and the endpoints are listed at /api.",
                           status: .notFound)
        } catch let error as HTTPError {
            throw APIError(Self.escaped(error.body ?? "\(error.status.reasonPhrase)."), status: error.status)
        } catch is CancellationError {
            // An experiment saw `RequestProgress.isCancelled`: its client has gone; nobody reads this.
            throw APIError("The client closed the connection, so the work was stopped.", status: .serviceUnavailable)
        } catch let error as any HTTPResponseError {
            throw APIError("\(error.status.reasonPhrase).", status: error.status)
        } catch {
            context.logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            throw APIError("The server could not answer this request. Please report it with the URL.", status: .internalServerError)
        }
        response.headers[.contentSecurityPolicy] = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        if request.uri.path.hasPrefix("/api") { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// Control characters (C0, DEL, C1) as `\u{…}`, so an error never carries raw escapes.
    static func escaped(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }.joined()
    }

    static func shortPath(_ request: Request) -> String {
        let path = request.uri.path
        return path.count > 80 ? String(path.prefix(80)) + "…" : path
    }
}
