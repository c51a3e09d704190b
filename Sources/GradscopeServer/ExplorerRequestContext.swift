import Foundation
import Hummingbird
import NIOCore

/// The explorer's request context: `BasicRequestContext` with a JSON encoder that writes
/// non-finite numbers as the CLI does ("Infinity", "-Infinity", "NaN") and sorts keys, and
/// the request's connection (to notice a client that has gone).
public struct ExplorerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    public let channel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    public var responseEncoder: JSONEncoder { Self.jsonEncoder }

    /// camelCase keys, sorted; overflowed values as strings, since JSON has no Inf or NaN.
    static var jsonEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }
}
