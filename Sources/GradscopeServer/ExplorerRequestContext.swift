import Foundation
import Hummingbird

/// The explorer's request context: `BasicRequestContext` with a JSON encoder that writes
/// non-finite numbers as the CLI does ("Infinity", "-Infinity", "NaN") and sorts keys.
public struct ExplorerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
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
