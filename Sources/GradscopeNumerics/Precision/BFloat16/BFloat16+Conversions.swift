extension BFloat16 {
    /// Rounds `value` to the nearest `BFloat16`, ties to even (see ``init(_:)-(Float)``).
    @inlinable
    public init<Source: BinaryFloatingPoint>(_ value: Source) {
        switch value {
        case let value as Float: self.init(value)
        case let value as Double: self.init(value)
        case let value as BFloat16: self = value
        case let value as Float16: self.init(Float(value))
        default: self = Self._convert(from: value).value
        }
    }

    #if !(os(Windows) || os(Android)) && (arch(i386) || arch(x86_64))
    /// Rounds `value` to the nearest `BFloat16`, ties to even.
    @inlinable
    public init(_ value: Float80) {
        self = Self._convert(from: value).value
    }
    #endif

    /// Rounds `value` to the nearest `BFloat16`, ties to even; beyond ≈3.3962e38 it is ±Inf.
    @inlinable
    public init(_ value: Int) {
        if value.magnitude <= 1 << 53 {
            self.init(Double(value))  // exact in Double, so rounded once
        } else {
            self = Self._convert(from: value).value
        }
    }

    /// Rounds `value` to the nearest `BFloat16`, ties to even; beyond ≈3.3962e38 it is ±Inf.
    @inlinable
    public init<Source: BinaryInteger>(_ value: Source) {
        if let value = Int(exactly: value) {
            self.init(value)
        } else {
            self = Self._convert(from: value).value
        }
    }
}

extension Float {
    /// The exact value of a `BFloat16`: its bits shifted into the upper half.
    @inlinable
    public init(_ value: BFloat16) {
        self.init(bitPattern: UInt32(value.bitPattern) << 16)
    }
}

extension Double {
    /// The exact value of a `BFloat16`.
    @inlinable
    public init(_ value: BFloat16) {
        self.init(Float(value))
    }
}
