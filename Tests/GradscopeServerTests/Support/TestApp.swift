import Foundation
import Hummingbird
import HummingbirdTesting
import GradscopeServer

/// The explorer app on a free loopback port, and helpers to read its answers.
enum TestApp {
    static func make() -> some ApplicationProtocol {
        buildApplication(ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)))
    }

    /// Decodes JSON the way the API writes it (non-finite numbers as "Infinity", "-Infinity", "NaN").
    static func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
    }

    /// The body as a JSON object.
    static func object(_ buffer: ByteBuffer) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] ?? [:]
    }
}
