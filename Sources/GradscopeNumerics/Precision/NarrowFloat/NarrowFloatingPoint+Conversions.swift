extension NarrowFloatingPoint {
    /// Rounds `value` to the format, to nearest with ties to even, once.
    @inlinable
    public init<Source: BinaryFloatingPoint>(_ value: Source) {
        switch value {
        case let value as Double: self.init(value)
        case let value as Float: self.init(Double(value))
        case let value as Float16: self.init(Double(value))
        case let value as BFloat16: self.init(Double(value))
        case let value as Self: self = value
        default:
            // Wider than Double (Float80): round to odd in Double first, which keeps the one
            // rounding correct (53 ≥ 4 + 2 bits, Boldo & Melquiond 2008).
            let nearest = Double(value)
            if nearest.isNaN || Source(nearest) == value {
                self.init(nearest)
            } else {
                let truncated = Source(nearest).magnitude > value.magnitude ? nearest.bitPattern - 1 : nearest.bitPattern
                self.init(Double(bitPattern: truncated | 1))
            }
        }
    }

    /// Rounds `value` to the format, to nearest with ties to even.
    @inlinable
    public init(_ value: Int) {
        self.init(Double(value))  // a rounding to 53 bits first changes no 4-bit rounding: 53 ≥ 2·4 + 2
    }

    /// Rounds `value` to the format, to nearest with ties to even.
    @inlinable
    public init<Source: BinaryInteger>(_ value: Source) {
        self.init(Double(value))
    }
}

extension Float {
    /// The exact value of a narrow float (each one is a Float).
    @inlinable
    public init<Narrow: NarrowFloatingPoint>(_ value: Narrow) {
        self = value.floatValue
    }
}

extension Double {
    /// The exact value of a narrow float.
    @inlinable
    public init<Narrow: NarrowFloatingPoint>(_ value: Narrow) {
        self = value.doubleValue
    }
}
