/// A labelled position on an axis or colour bar.
public struct Tick: Sendable, Hashable {
    /// The position in axis coordinates (log10 of the value on a log axis).
    public var coordinate: Double
    /// The text written beside the tick.
    public var label: String

    public init(coordinate: Double, label: String) {
        self.coordinate = coordinate
        self.label = label
    }

    /// Ticks at multiples of 1, 2 or 5 × 10^k, about `count` of them, labelled exactly.
    ///
    ///     Tick.linear(over: 0...1).map(\.label)   // ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]
    public static func linear(over domain: ClosedRange<Double>, count: Int = 6) -> [Tick] {
        guard domain.lowerBound.isFinite, domain.upperBound.isFinite else { return [] }
        let span = domain.upperBound - domain.lowerBound
        guard span > 0 else {
            return [Tick(coordinate: domain.lowerBound, label: NumberText.label(domain.lowerBound))]
        }
        let (mantissa, exponent) = niceStepParts(for: span / Double(max(count - 1, 1)))
        let step = decimal(mantissa, exponent)
        // A huge offset with a tiny span (or an infinite span) has no countable ticks: label the ends.
        guard span.isFinite, max(abs(domain.lowerBound), abs(domain.upperBound)) / step < 1e15 else {
            return [domain.lowerBound, domain.upperBound].map { Tick(coordinate: $0, label: NumberText.label($0)) }
        }
        let first = Int((domain.lowerBound / step - 1e-9).rounded(.up))
        let last = Int((domain.upperBound / step + 1e-9).rounded(.down))
        guard first <= last else { return [] }
        let values = (first...last).map { $0 * mantissa }
        let useScientific = exponent < -4 || values.contains { abs(decimal($0, exponent)) >= 1e6 }
        return values.map { digits in
            Tick(coordinate: decimal(digits, exponent),
                 label: useScientific
                     ? NumberText.scientific(digits: digits, exponent: exponent)
                     : NumberText.fixed(digits: digits, exponent: exponent))
        }
    }

    /// Ticks at whole decades 10^k, thinned to every 2nd, 5th, 10th, … decade when there are many.
    ///
    /// Falls back to linear ticks on the exponent when the domain spans less than one decade.
    ///
    ///     Tick.decades(over: -300...300).map(\.label)   // ["10⁻³⁰⁰", "10⁻²⁰⁰", …, "10³⁰⁰"]
    public static func decades(over domain: ClosedRange<Double>, count: Int = 6) -> [Tick] {
        guard domain.lowerBound.isFinite, domain.upperBound.isFinite else { return [] }
        let first = Int((domain.lowerBound - 1e-9).rounded(.up))
        let last = Int((domain.upperBound + 1e-9).rounded(.down))
        guard last > first else {
            return linear(over: domain, count: count).map {
                Tick(coordinate: $0.coordinate, label: NumberText.label(Foundation.pow(10, $0.coordinate)))
            }
        }
        let limit = max(count + 2, 2)
        var stride = 1
        for candidate in niceIntegers where (last - first) / candidate + 1 <= limit {
            stride = candidate
            break
        }
        return (first...last).filter { $0 % stride == 0 }.map {
            Tick(coordinate: Double($0), label: NumberText.power(of10: $0))
        }
    }

    /// 1, 2, 5, 10, 20, 50, … up to 5e7.
    private static let niceIntegers: [Int] = (0..<8).flatMap { power -> [Int] in
        let scale = (0..<power).reduce(1) { partial, _ in partial * 10 }
        return [1 * scale, 2 * scale, 5 * scale]
    }

    /// The nice step (1, 2 or 5 × 10^k) at or just above `raw`.
    static func niceStep(for raw: Double) -> Double {
        let (mantissa, exponent) = niceStepParts(for: raw)
        return decimal(mantissa, exponent)
    }

    private static func niceStepParts(for raw: Double) -> (mantissa: Int, exponent: Int) {
        guard raw > 0, raw.isFinite else { return (1, 0) }
        var exponent = Int(Foundation.log10(raw).rounded(.down))
        let fraction = raw / decimal(1, exponent)
        let mantissa: Int
        switch fraction {
        case ..<1.5: mantissa = 1
        case ..<3: mantissa = 2
        case ..<7: mantissa = 5
        default:
            mantissa = 1
            exponent += 1
        }
        return (mantissa, exponent)
    }

    /// digits × 10^exponent, dividing for negative exponents so that 0.2 is the nearest Double to 0.2.
    static func decimal(_ digits: Int, _ exponent: Int) -> Double {
        exponent >= 0
            ? Double(digits) * Foundation.pow(10, Double(exponent))
            : Double(digits) / Foundation.pow(10, Double(-exponent))
    }
}

import Foundation
