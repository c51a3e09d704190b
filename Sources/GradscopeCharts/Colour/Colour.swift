/// An opaque sRGB colour, written in charts as `#RRGGBB`.
///
///     let red: Colour = "#FF0000"
///     red.mixed(with: "#FFFFFF", by: 0.5).hex   // "#FF8080"
public struct Colour: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Reads `#RRGGBB` (the `#` is optional); a malformed string is a programmer error.
    public init(hex: String) {
        let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else {
            preconditionFailure("Colour hex must look like #RRGGBB, got '\(hex)'.")
        }
        self.init(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
    }

    public init(stringLiteral value: String) {
        self.init(hex: value)
    }

    /// `#RRGGBB` in upper case.
    public var hex: String {
        "#" + [red, green, blue].map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    public var description: String { hex }

    /// The colour a fraction `t` (0…1) of the way towards `other`, per channel in sRGB.
    public func mixed(with other: Colour, by t: Double) -> Colour {
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * min(max(t, 0), 1)).rounded())
        }
        return Colour(red: channel(red, other.red), green: channel(green, other.green), blue: channel(blue, other.blue))
    }

    /// The colour at `t` (0…1) along evenly spaced `stops`, interpolated linearly.
    static func interpolate(_ stops: [Colour], at t: Double) -> Colour {
        precondition(!stops.isEmpty, "A colour ramp needs at least one stop.")
        guard stops.count > 1 else { return stops[0] }
        let position = min(max(t.isNaN ? 0 : t, 0), 1) * Double(stops.count - 1)
        let index = min(Int(position), stops.count - 2)
        return stops[index].mixed(with: stops[index + 1], by: position - Double(index))
    }
}
