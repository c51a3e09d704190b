import Foundation

/// How much the explorer computes at once and how long it waits for slow clients.
///
/// The defaults: heavy requests (every `/api/…` endpoint except `/api`, `/api/health` and
/// `/api/figures`) compute on half the cores (one on a 2-core machine), 16 more wait in line,
/// and the next one is answered 503 with `Retry-After: 1` at once; a connection that sends no
/// complete request head within 10 s of opening or of its last response is closed, and so is
/// one whose request body is still arriving 10 s after its head.
public struct ServerLimits: Sendable {
    /// Heavy requests computing at the same time: half the cores, at least one.
    public var workers: Int
    /// Heavy requests waiting for a worker; the next one gets 503.
    public var queueLimit: Int
    /// The seconds a 503 asks the client to wait (`Retry-After`).
    public var retryAfterSeconds: Int
    /// Idle keep-alive and header-read timeout, in seconds.
    public var idleTimeoutSeconds: Int64
    /// The time from a request's head to the end of its body, in seconds.
    public var bodyTimeoutSeconds: Int64

    public init(workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount / 2), queueLimit: Int = 16,
                retryAfterSeconds: Int = 1, idleTimeoutSeconds: Int64 = 10, bodyTimeoutSeconds: Int64 = 10) {
        self.workers = workers
        self.queueLimit = queueLimit
        self.retryAfterSeconds = retryAfterSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.bodyTimeoutSeconds = bodyTimeoutSeconds
    }
}
