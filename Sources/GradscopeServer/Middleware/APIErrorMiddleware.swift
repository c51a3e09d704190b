import Hummingbird

/// Turns every failure into the API's JSON error shape `{"error": "…"}`: unknown routes,
/// Hummingbird's own `HTTPError`s, and (logged, not shown) anything unexpected. Adds headers
/// that keep the page offline-only (no third-party origins) and API answers uncached.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError where error.status == .notFound {
            throw APIError("No page or endpoint at \(request.method) \(Self.shortPath(request)). The explorer is at / and the endpoints are listed at /api.",
                           status: .notFound)
        } catch let error as HTTPError {
            throw APIError(error.body ?? "\(error.status.reasonPhrase).", status: error.status)
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

    static func shortPath(_ request: Request) -> String {
        let path = request.uri.path
        return path.count > 80 ? String(path.prefix(80)) + "…" : path
    }
}
