import RealModule

extension BFloat16: CustomStringConvertible, CustomDebugStringConvertible, LosslessStringConvertible {
    /// The shortest decimal that reads back as this value, in `Float`'s layout.
    ///
    /// `BFloat16(8)` is `8.0`, `BFloat16(0.1)` (exactly 0.10009765625) is `0.1`, `pi` is
    /// `3.14`, `greatestFiniteMagnitude` is `3.39e+38`. Integers up to 2^24 are written in
    /// full, as Float16's are (`BFloat16(1e6)` is `999424.0`); magnitudes below 1e−4 or
    /// above 2^24 get an exponent. NaN is `nan`, infinities `inf` and `-inf`, zeros `0.0` and `-0.0`.
    public var description: String {
        let value = Float(self)
        guard value.isFinite, value != 0 else { return value.description }
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        if magnitude <= 0x1p24, magnitude == magnitude.rounded(.towardZero) {
            return "\(sign)\(Int(magnitude)).0"
        }
        let (digits, exponent) = self.magnitude.shortestDecimal()  // magnitude = 0.digits × 10^exponent
        if exponent < -3 || magnitude > 0x1p24 {
            let power = exponent - 1
            let powerDigits = String(power.magnitude)
            let fraction = digits.count > 1 ? "." + digits.dropFirst() : ""
            let padding = powerDigits.count < 2 ? "0" : ""
            return "\(sign)\(digits.prefix(1))\(fraction)e\(power < 0 ? "-" : "+")\(padding)\(powerDigits)"
        }
        if exponent <= 0 {
            return sign + "0." + String(repeating: "0", count: -exponent) + digits
        }
        return sign + digits.prefix(exponent) + "." + digits.dropFirst(exponent)
    }

    /// Like ``description``, but NaNs show their sign, payload and `snan` as `Float` does.
    public var debugDescription: String {
        isNaN ? Float(self).debugDescription : description
    }

    /// Reads a decimal or hexadecimal number, `inf` or `nan` as `Double` does, then
    /// rounds it to the nearest `BFloat16`; nil if the text is not a number.
    ///
    /// The text is rounded to Double first, so a decimal within 2^−53 (relative) of a
    /// tie between two BFloat16 values, but not on it, can round the wrong way.
    public init?<Text: StringProtocol>(_ text: Text) {
        guard let value = Double(text) else { return nil }
        self.init(value)
    }

    /// The shortest digit string `d` (no trailing zeros) and exponent `e` such that
    /// 0.d × 10^e reads back as `self` (positive, finite); of several, the nearest.
    private func shortestDecimal() -> (digits: String, exponent: Int) {
        let target = Double(self)
        func power(_ n: Int) -> Double { Double("1e\(n)")! }  // correctly rounded 10^n
        // target lies in [10^(e − 1), 10^e).
        var e = Int(Double.log10(target).rounded(.down)) + 1
        while power(e - 1) > target { e -= 1 }
        while power(e) <= target { e += 1 }
        for count in 1...9 {
            let scale = e - count  // candidates are m × 10^scale with `count` digits
            let nearest = (target / power(scale)).rounded()
            var best: (digits: String, distance: Double)?
            for m in [nearest - 1, nearest, nearest + 1] where m > 0 {
                let digits = String(Int(m))
                guard let read = Double("\(digits)e\(scale)"), BFloat16(read) == self else { continue }
                let distance = (read - target).magnitude
                if distance < best?.distance ?? .infinity { best = (digits, distance) }
            }
            if let best {
                let exponent = best.digits.count + scale
                return (String(best.digits.reversed().drop { $0 == "0" }.reversed()), exponent)
            }
        }
        preconditionFailure("9 significant digits always identify a BFloat16")
    }
}
