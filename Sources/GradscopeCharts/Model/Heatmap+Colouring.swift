/// What a heatmap cell shows.
enum CellFill: Hashable {
    case colour(Colour)
    case notANumber, infinite, zeroOnLogScale

    /// The colour drawn for the cell; non-finite cells get colours outside every colour map.
    var colour: Colour {
        switch self {
        case .colour(let colour): colour
        case .notANumber: "#A0A0A0"
        case .infinite: "#FF00FF"
        case .zeroOnLogScale: "#FFFFFF"
        }
    }

    var note: String? {
        switch self {
        case .colour: nil
        case .notANumber: "NaN"
        case .infinite: "±Inf"
        case .zeroOnLogScale: "0 (no log)"
        }
    }
}

extension Heatmap {
    /// The colour bar's range in colour coordinates (log10 for a log colour scale).
    var colourDomain: ClosedRange<Double> {
        if let valueDomain {
            guard let low = colourScale.coordinate(of: valueDomain.lowerBound),
                  let high = colourScale.coordinate(of: valueDomain.upperBound), low < high else {
                preconditionFailure("The value domain \(valueDomain) cannot be shown on a \(colourScale) colour scale.")
            }
            return low...high
        }
        let coordinates = values.joined().compactMap { colourScale.coordinate(of: $0) }
        guard var low = coordinates.min(), var high = coordinates.max() else { return 0...1 }
        if colourMap == .diverging, colourScale == .linear {
            high = max(abs(low), abs(high))
            low = -high
        }
        return low < high ? low...high : low - 1...high + 1
    }

    /// The fill of a cell holding `value`.
    func fill(for value: Double, in domain: ClosedRange<Double>) -> CellFill {
        if value.isNaN { return .notANumber }
        if value.isInfinite { return .infinite }
        guard let coordinate = colourScale.coordinate(of: value) else { return .zeroOnLogScale }
        return .colour(colourMap.colour(at: (coordinate - domain.lowerBound) / (domain.upperBound - domain.lowerBound)))
    }

    /// The data range covered by the cells: the sample ranges widened by half a cell each side.
    var cellXDomain: ClosedRange<Double> { Self.widen(xRange, cells: values[0].count) }
    var cellYDomain: ClosedRange<Double> { Self.widen(yRange, cells: values.count) }

    private static func widen(_ range: ClosedRange<Double>, cells: Int) -> ClosedRange<Double> {
        let span = range.upperBound - range.lowerBound
        guard cells > 1, span > 0 else { return range.lowerBound - 0.5...range.upperBound + 0.5 }
        let half = span / Double(cells - 1) / 2
        return range.lowerBound - half...range.upperBound + half
    }
}
