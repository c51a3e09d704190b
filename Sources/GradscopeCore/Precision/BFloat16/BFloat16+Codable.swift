extension BFloat16: Codable {
    /// Decodes a `Float` and rounds it to the nearest `BFloat16`.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Float.self))
    }

    /// Encodes the exact value as a `Float`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Float(self))
    }
}
