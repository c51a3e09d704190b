extension NarrowFloatingPoint {
    /// The exact value in `Float`'s spelling: `448.0`, `0.001953125`, `nan`, `-inf`, `-0.0`.
    ///
    /// Every value of these formats has a short exact decimal, so it is written in full
    /// rather than as the shortest text that reads back.
    public var description: String { floatValue.description }

    /// The value and its bits: `448.0 (0x7e)`.
    public var debugDescription: String {
        let hex = String(bitPattern, radix: 16)
        return "\(description) (0x\(hex.count < 2 ? "0" : "")\(hex))"
    }

    /// Reads a decimal or hexadecimal number, `inf` or `nan` as `Double` does, then rounds
    /// it to the format; nil if the text is not a number. A decimal within 2^−53 (relative)
    /// of a tie but not on it can round the wrong way.
    public init?(_ text: String) {
        guard let value = Double(text) else { return nil }
        self.init(value)
    }
}
