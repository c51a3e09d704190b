extension NarrowFloatingPoint {
    /// Decodes a number (as a `Double`, so text is rounded only once more) and rounds it to the format.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Double.self))
    }

    /// Encodes the exact value as a `Float`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(floatValue)
    }
}
