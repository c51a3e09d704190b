extension BFloat16: Codable {
    /// Decodes a number and rounds it to the nearest `BFloat16`.
    ///
    /// It is read as a `Double`, not a `Float`, so that text such as `1.00390625001` (just above
    /// the tie 1 + 2^−8) is not rounded twice.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Double.self))
    }

    /// Encodes the exact value as a `Float`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Float(self))
    }
}
