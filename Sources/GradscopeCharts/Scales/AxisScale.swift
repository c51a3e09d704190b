/// How values are placed along an axis.
public enum AxisScale: Sendable, Hashable {
    /// Evenly spaced values.
    case linear
    /// Decades evenly spaced; a log axis plots |v|, and v = 0 (no logarithm) is left as a gap.
    case log10

    /// The axis coordinate of `value`: the value itself, or log10|value|.
    ///
    /// Returns nil where nothing can be drawn (NaN, ±Inf, or 0 on a log axis).
    public func coordinate(of value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch self {
        case .linear: return value
        case .log10:
            guard value != 0 else { return nil }
            return Foundation.log10(abs(value))
        }
    }

    /// "Nice" ticks for a domain given in axis coordinates (log10 for a log axis).
    public func ticks(over domain: ClosedRange<Double>, count: Int = 6) -> [Tick] {
        switch self {
        case .linear: return Tick.linear(over: domain, count: count)
        case .log10: return Tick.decades(over: domain, count: count)
        }
    }

    /// A domain (in axis coordinates) that covers `coordinates` and ends on tick values.
    func niceDomain(covering coordinates: [Double]) -> ClosedRange<Double> {
        guard var low = coordinates.min(), var high = coordinates.max() else { return 0...1 }
        if low == high {
            low -= 1
            high += 1
        }
        switch self {
        case .linear:
            let step = Tick.niceStep(for: (high - low) / 6)
            return (low / step).rounded(.down) * step...(high / step).rounded(.up) * step
        case .log10:
            return low.rounded(.down)...high.rounded(.up)
        }
    }
}

import Foundation
