import Hummingbird

/// Bounds the heavy endpoints' computation: each request waits for a worker of the
/// ``ComputeGate`` (503 with `Retry-After` and a JSON error at once when the line is full),
/// is skipped when its client has gone while it waited, and computes on the
/// ``HeavyWorkExecutor``'s threads with ``RequestProgress`` able to see its connection.
struct ComputeLimitMiddleware: RouterMiddleware {
    typealias Context = ExplorerRequestContext

    let gate: ComputeGate
    let executor: HeavyWorkExecutor
    let retryAfterSeconds: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard await gate.enter() else {
            let (running, waiting) = (gate.workers, gate.queueLimit)
            return try Self.busy(
                "The server is busy: \(running) request\(running == 1 ? " is" : "s are") computing and \(waiting) waiting, the most it takes. Retry in \(retryAfterSeconds) s.",
                retryAfter: retryAfterSeconds, request: request, context: context)
        }
        defer { gate.leave() }
        let signal = await ConnectionSignal.of(context.channel)
        if signal?.isGone == true {
            // Nobody is left to read the answer: skip the work, the connection is closing.
            gate.noteAbandoned()
            return try Self.busy("The client closed the connection before its turn.", retryAfter: nil, request: request, context: context)
        }
        return try await RequestProgress.$connection.withValue(signal) {
            try await withTaskExecutorPreference(executor) { try await next(request, context) }
        }
    }

    /// 503 with the API's JSON error body and, when given, `Retry-After`.
    static func busy(_ message: String, retryAfter: Int?, request: Request, context: Context) throws -> Response {
        var response = try context.responseEncoder.encode(ErrorBody(error: message, parameter: nil, column: nil), from: request, context: context)
        response.status = .serviceUnavailable
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}
