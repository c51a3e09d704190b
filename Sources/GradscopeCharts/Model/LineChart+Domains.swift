extension LineChart {
    /// The x range shown: `xDomain`, or the finite xs.
    var shownXDomain: ClosedRange<Double> {
        if let xDomain { return xDomain }
        let xs = series.flatMap(\.xs).filter(\.isFinite)
        guard let low = xs.min(), let high = xs.max() else { return 0...1 }
        return low < high ? low...high : low - 1...high + 1
    }

    /// The y range shown, in axis coordinates (log10 on a log axis).
    var shownYCoordinates: ClosedRange<Double> {
        if let yDomain {
            guard let low = yScale.coordinate(of: yDomain.lowerBound), let high = yScale.coordinate(of: yDomain.upperBound),
                  low < high else {
                preconditionFailure("The y domain \(yDomain) cannot be shown on a \(yScale) axis.")
            }
            return low...high
        }
        let xs = shownXDomain
        var coordinates = series.flatMap { line in
            zip(line.xs, line.ys).compactMap { x, y in xs.contains(x) ? yScale.coordinate(of: y) : nil }
        }
        coordinates += markers.compactMap { yScale.coordinate(of: $0.y) }
        return yScale.niceDomain(covering: coordinates)
    }

    /// The projection of data onto `rect`.
    func projection(onto rect: Rect) -> Projection {
        Projection(xDomain: shownXDomain, yScale: yScale, yDomain: shownYCoordinates, rect: rect)
    }

    /// The notes the legend needs for the gaps that the traces contain.
    static func notes(for traces: [Trace]) -> [(gap: Gap?, text: String)] {
        var notes: [(gap: Gap?, text: String)] = Gap.allCases
            .filter { gap in traces.contains { $0.gapMarks.contains { $0.gap == gap } } }
            .map { ($0, $0.note) }
        let negatives = traces.map(\.negativesOnLogAxis).reduce(0, +)
        if negatives > 0 { notes.append((nil, "y < 0 drawn as |y| (\(negatives) points)")) }
        return notes
    }
}
