import Hummingbird
import NIOCore
import NIOHTTPTypes
import Synchronization

/// A channel handler on every connection, after the HTTP decoder: notices when the client has
/// gone (closed the connection or its sending side), so that work it abandoned is skipped, and
/// closes a connection whose request body has not finished arriving `bodyTimeout` after its head.
///
/// Together with Hummingbird's idle timeout (a connection that sends no complete request head
/// within the timeout of opening or of its last response is closed) this bounds how long a slow
/// or silent client holds a connection.
final class ConnectionWatch: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    /// Read by the request's task, on any thread.
    let signal = ConnectionSignal()
    let bodyTimeout: TimeAmount
    private var bodyDeadline: Scheduled<Void>?

    init(bodyTimeout: TimeAmount) {
        self.bodyTimeout = bodyTimeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            bodyDeadline?.cancel()
            let loopContext = NIOLoopBound(context, eventLoop: context.eventLoop)
            bodyDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: bodyTimeout) {
                loopContext.value.close(promise: nil)
            }
        case .end:
            bodyDeadline?.cancel()
            bodyDeadline = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { signal.markGone() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        signal.markGone()
        bodyDeadline?.cancel()
        bodyDeadline = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        bodyDeadline?.cancel()
        bodyDeadline = nil
    }
}

/// Whether a connection's client has gone: set once, by the connection's event loop, when the
/// client closes the connection or half-closes it (sends FIN); read by the request's task.
///
/// A client that half-closes after sending its request (`shutdown(SHUT_WR)`) counts as gone:
/// browsers, curl and wrk never do that.
public final class ConnectionSignal: Sendable {
    private let gone = Atomic(false)

    public init() {}

    public var isGone: Bool { gone.load(ordering: .relaxed) }

    func markGone() { gone.store(true, ordering: .relaxed) }

    /// The signal of the connection `channel` belongs to; nil when the channel has no
    /// ``ConnectionWatch`` (the in-memory test client).
    static func of(_ channel: (any Channel)?) async -> ConnectionSignal? {
        guard let channel else { return nil }
        return try? await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: ConnectionWatch.self).signal
        }.get()
    }
}
