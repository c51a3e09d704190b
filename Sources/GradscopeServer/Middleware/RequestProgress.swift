import GradscopeGallery

/// The progress a controller hands to `Experiment.run(progress:)`: updates are ignored (the
/// API answers in one piece), and `isCancelled` turns true once the client that asked has gone,
/// so a long loop that checks it stops early instead of computing for nobody.
///
/// ```swift
/// let report = try experiment.run(progress: RequestProgress())
/// ```
/// Create it inside the request's task: it picks up the connection that
/// ``ComputeLimitMiddleware`` sets for the request (none in memory tests: never cancelled).
public struct RequestProgress: ExperimentProgress {
    /// The connection of the request being computed, set by ``ComputeLimitMiddleware``.
    @TaskLocal static var connection: ConnectionSignal?

    private let signal: ConnectionSignal?

    public init() { signal = Self.connection }

    public func update(stage: String, done: Int, total: Int) {}

    public var isCancelled: Bool { signal?.isGone ?? false }
}
