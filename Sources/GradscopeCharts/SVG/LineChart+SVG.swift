extension LineChart {
    /// The legend's width to the right of the plot.
    static let legendWidth = 190.0

    /// The chart as a standalone SVG document; the same chart always gives the same bytes.
    ///
    /// No text leaves the chart or overlaps other text: the title shrinks to fit, long legend
    /// names and captions wrap, x tick labels thin out when they would touch, and marker labels
    /// go above or below their line, right or left, wherever they meet no other label (and,
    /// when such a spot exists, no data line).
    public func svg() -> String {
        let (rect, captionLines) = plotLayout()
        let projection = projection(onto: rect)
        let traces = series.map { Trace(series: $0, projection: projection) }

        var svg = SVGDocument(width: width, height: height)
        svg.rect(Rect(x: 0, y: 0, width: width, height: height), fill: "#FFFFFF")
        svg.title(title, x: rect.x, maxX: width - 8)
        svg.axes(projection, xTicks: AxisScale.linear.ticks(over: projection.xDomain),
                 yTicks: yScale.ticks(over: projection.yDomain), xLabel: xLabel, yLabel: yLabel)
        let clip = svg.clipPath(for: rect)
        let shownMarkers = markers.compactMap { marker -> (MarkerLine, Double)? in
            guard let coordinate = yScale.coordinate(of: marker.y), projection.yDomain.contains(coordinate) else { return nil }
            return (marker, projection.pixelY(coordinate))
        }
        svg.group("g", [("class", "data"), ("clip-path", .text("url(#\(clip))"))]) { svg in
            for (marker, y) in shownMarkers {
                svg.line(from: Point(x: rect.x, y: y), to: Point(x: rect.maxX, y: y), colour: marker.colour, dash: [6, 4])
            }
            for (line, trace) in zip(series, traces) {
                for run in trace.runs {
                    if run.count == 1 {
                        svg.element("circle", [("cx", .number(run[0].x)), ("cy", .number(run[0].y)), ("r", 2),
                                               ("fill", .text(line.colour.hex))])
                        continue
                    }
                    var attributes: [(String, SVGDocument.Value)] = [
                        ("points", .text(SVGDocument.pointList(run))), ("fill", "none"),
                        ("stroke", .text(line.colour.hex)), ("stroke-width", 2), ("stroke-linejoin", "round"),
                    ]
                    if let dash = line.dash { attributes.append(("stroke-dasharray", .text(SVGDocument.dashText(dash)))) }
                    svg.element("polyline", attributes)
                }
            }
        }
        if !shownMarkers.isEmpty {
            var layout = LabelLayout(bounds: rect.insetBy(2))
            layout.lines = traces.flatMap(\.runs)
            svg.group("g", [("class", "marker-labels")]) { svg in
                for (marker, y) in shownMarkers {
                    let spots: [LabelLayout.Spot] = [
                        .init(x: rect.maxX - 6, y: y - 5, anchor: .end), .init(x: rect.maxX - 6, y: y + 14, anchor: .end),
                        .init(x: rect.x + 6, y: y - 5, anchor: .start), .init(x: rect.x + 6, y: y + 14, anchor: .start),
                        .init(x: rect.x + rect.width / 2, y: y - 5, anchor: .middle), .init(x: rect.x + rect.width / 2, y: y + 14, anchor: .middle),
                    ]
                    svg.label(marker.label, at: layout.place(marker.label, size: 11, candidates: spots), size: 11, colour: marker.colour)
                }
            }
        }
        svg.group("g", [("class", "gaps")]) { svg in
            for (line, trace) in zip(series, traces) {
                for mark in trace.gapMarks { svg.gapMark(mark.gap, x: mark.x, in: rect, colour: line.colour) }
            }
        }
        svg.group("g", [("class", "legend")]) { svg in
            let x = rect.maxX + 16
            var y = rect.y + 10
            for line in series where !line.name.isEmpty {  // unnamed series (e.g. repeats) have no legend entry
                svg.line(from: Point(x: x, y: y), to: Point(x: x + 24, y: y), colour: line.colour, width: 2, dash: line.dash)
                for text in TextMetrics.lines(line.name, maxWidth: width - x - 30 - 6, size: 12) {
                    svg.text(text, x: x + 30, y: y + 4)
                    y += 16
                }
                y += 2
            }
            for note in Self.notes(for: traces) {
                y += 4
                for text in TextMetrics.lines(note.text, maxWidth: width - x - 6, size: 11) {
                    svg.text(text, x: x, y: y + 4, size: 11, colour: SVGDocument.noteColour)
                    y += 14
                }
            }
        }
        svg.caption(captionLines, x: rect.x, y: rect.maxY + 62)
        return svg.rendered()
    }
}

extension LineChart {
    /// The plot area in SVG pixels (inside the axes, left of the legend), exactly as ``svg()`` draws it:
    /// a client maps data to pixels with it instead of recomputing the layout.
    public var plotFrame: (left: Double, top: Double, width: Double, height: Double) {
        let rect = plotLayout().rect
        return (rect.x, rect.y, rect.width, rect.height)
    }

    /// The plot rectangle and the wrapped caption lines under it.
    func plotLayout() -> (rect: Rect, captionLines: [String]) {
        let probe = projection(onto: Rect(x: 0, y: 0, width: 1, height: 1))
        let yTicks = yScale.ticks(over: probe.yDomain)
        let left = SVGDocument.plotLeft(yTicks: yTicks, hasYLabel: !yLabel.isEmpty)
        let captionLines = SVGDocument.captionLines(caption, x: left, width: width)
        let top = title.isEmpty ? 20.0 : 44.0
        let bottom = 56.0 + Double(captionLines.count) * 16
        return (Rect(x: left, y: top, width: width - left - Self.legendWidth, height: height - top - bottom), captionLines)
    }
}
