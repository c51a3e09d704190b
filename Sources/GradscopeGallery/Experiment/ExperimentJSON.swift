import Foundation

/// The one JSON spelling of every face: sorted camelCase keys, pretty-printed,
/// non-finite numbers as the strings "Infinity", "-Infinity" and "NaN".
public enum ExperimentJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: positiveInfinity, negativeInfinity: negativeInfinity, nan: notANumber)
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// The strings that stand for the non-finite numbers, which JSON has not got (a NaN of either sign is "NaN").
    public static let positiveInfinity = "Infinity", negativeInfinity = "-Infinity", notANumber = "NaN"
}
