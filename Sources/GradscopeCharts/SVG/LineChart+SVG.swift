extension LineChart {
    /// The chart as a standalone SVG document; the same chart always gives the same bytes.
    public func svg() -> String {
        let legendWidth = 190.0
        let captionLines = SVGDocument.wrap(caption, width: Int(width / 6.6))
        let top = title.isEmpty ? 20.0 : 44.0
        let bottom = 56.0 + Double(captionLines.count) * 16
        let rect = Rect(x: 76, y: top, width: width - 76 - legendWidth, height: height - top - bottom)
        let projection = projection(onto: rect)
        let traces = series.map { Trace(series: $0, projection: projection) }

        var svg = SVGDocument(width: width, height: height)
        svg.rect(Rect(x: 0, y: 0, width: width, height: height), fill: "#FFFFFF")
        svg.title(title, x: rect.x)
        svg.axes(projection, xTicks: AxisScale.linear.ticks(over: projection.xDomain),
                 yTicks: yScale.ticks(over: projection.yDomain), xLabel: xLabel, yLabel: yLabel)
        let clip = svg.clipPath(for: rect)
        svg.group("g", [("class", "data"), ("clip-path", .text("url(#\(clip))"))]) { svg in
            for marker in markers {
                guard let coordinate = yScale.coordinate(of: marker.y), projection.yDomain.contains(coordinate) else { continue }
                let y = projection.pixelY(coordinate)
                svg.line(from: Point(x: rect.x, y: y), to: Point(x: rect.maxX, y: y), colour: marker.colour, dash: [6, 4])
                svg.text(marker.label, x: rect.maxX - 6, y: y - 5, anchor: "end", size: 11, colour: marker.colour)
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
                svg.text(line.name, x: x + 30, y: y + 4)
                y += 18
            }
            for note in Self.notes(for: traces) {
                y += 4
                svg.text(note.text, x: x, y: y + 4, size: 11, colour: SVGDocument.noteColour)
                y += 14
            }
        }
        svg.caption(captionLines, x: rect.x, y: rect.maxY + 62)
        return svg.rendered()
    }
}
