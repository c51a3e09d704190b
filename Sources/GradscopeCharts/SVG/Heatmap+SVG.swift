extension Heatmap {
    /// The heatmap as a standalone SVG document with a colour bar; the same heatmap always gives the same bytes.
    public func svg() -> String {
        let captionLines = SVGDocument.captionLines(caption, x: Self.plotLeft, width: width)
        let rect = plotRect(captionLines: captionLines.count)
        let projection = Projection(xDomain: cellXDomain, yScale: .linear, yDomain: cellYDomain, rect: rect)
        let domain = colourDomain
        let columns = values[0].count, rows = values.count
        var usedFills: Set<CellFill> = []

        var svg = SVGDocument(width: width, height: height)
        svg.rootAttributes = rootAttributes
        svg.rect(Rect(x: 0, y: 0, width: width, height: height), fill: "#FFFFFF")
        svg.title(title, x: rect.x, maxX: width - 8)
        svg.group("g", [("class", "cells"), ("shape-rendering", "crispEdges")]) { svg in
            for (row, rowValues) in values.enumerated() {
                let y0 = rect.maxY - Double(row) * rect.height / Double(rows)
                let y1 = rect.maxY - Double(row + 1) * rect.height / Double(rows)
                var start = 0
                while start < columns {
                    let fill = fill(for: rowValues[start], in: domain)
                    usedFills.insert(fill)
                    var end = start + 1
                    while end < columns, self.fill(for: rowValues[end], in: domain) == fill { end += 1 }
                    let x0 = rect.x + Double(start) * rect.width / Double(columns)
                    let x1 = rect.x + Double(end) * rect.width / Double(columns)
                    svg.rect(Rect(x: x0, y: y1, width: x1 - x0, height: y0 - y1), fill: fill.colour.hex)
                    start = end
                }
            }
        }
        svg.axes(projection, xTicks: Tick.linear(over: xRange), yTicks: Tick.linear(over: yRange),
                 xLabel: xLabel, yLabel: yLabel, gridColour: nil)
        let clip = svg.clipPath(for: rect)
        svg.group("g", [("class", "trajectories"), ("clip-path", .text("url(#\(clip))"))]) { svg in
            for trajectory in trajectories {
                let series = Series(name: trajectory.name, xs: trajectory.xs, ys: trajectory.ys, colour: trajectory.colour)
                for run in Trace(series: series, projection: projection).runs where run.count > 1 {
                    svg.element("polyline", [("points", .text(SVGDocument.pointList(run))), ("fill", "none"),
                                             ("stroke", .text(trajectory.colour.hex)), ("stroke-width", 1.5)])
                }
                let points = zip(trajectory.xs, trajectory.ys).compactMap { projection.point(x: $0, y: $1) }
                for (index, point) in points.enumerated() where rect.contains(point) {
                    svg.element("circle", [("cx", .number(point.x)), ("cy", .number(point.y)), ("r", index == 0 ? 5 : 2.5),
                                           ("fill", index == 0 ? "none" : .text(trajectory.colour.hex)),
                                           ("stroke", .text(trajectory.colour.hex)), ("stroke-width", 1.5)])
                }
            }
        }
        let labelled = trajectories.compactMap { trajectory -> (Trajectory, [Point])? in
            let points = zip(trajectory.xs, trajectory.ys).compactMap { projection.point(x: $0, y: $1) }
            guard !trajectory.name.isEmpty, let start = points.first, rect.contains(start) else { return nil }
            return (trajectory, points)
        }
        var layout = LabelLayout(bounds: rect.insetBy(2))
        if !labelled.isEmpty { svg.group("g", [("class", "trajectory-labels")]) { svg in
            for (trajectory, points) in labelled {
                let start = points[0]
                layout.lines = [points]
                let spots: [LabelLayout.Spot] = [
                    .init(x: start.x + 8, y: start.y - 6, anchor: .start), .init(x: start.x - 8, y: start.y - 6, anchor: .end),
                    .init(x: start.x + 8, y: start.y + 16, anchor: .start), .init(x: start.x - 8, y: start.y + 16, anchor: .end),
                ]
                svg.text(trajectory.name, at: layout.place(trajectory.name, size: 11, candidates: spots), size: 11, colour: trajectory.colour,
                         extra: [("stroke", "#000000"), ("stroke-width", 2.5), ("paint-order", "stroke")])
            }
        } }
        colourBar(into: &svg, beside: rect, domain: domain, notes: [CellFill.notANumber, .infinite, .zeroOnLogScale].filter(usedFills.contains))
        svg.caption(captionLines, x: rect.x, y: rect.maxY + 62)
        return svg.rendered()
    }

    /// The plot area in SVG pixels (the cells' frame) and the data it spans, so that a client can map
    /// a click on the drawn SVG back to (x, y): x = domain.x.lower + (px − left) / width · span.
    public var plotArea: (left: Double, top: Double, width: Double, height: Double,
                          x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let rect = plotRect(captionLines: SVGDocument.captionLines(caption, x: Self.plotLeft, width: width).count)
        return (rect.x, rect.y, rect.width, rect.height, cellXDomain, cellYDomain)
    }

    private func plotRect(captionLines: Int) -> Rect {
        let top = title.isEmpty ? 20.0 : 44.0
        let bottom = 56.0 + Double(captionLines) * 16
        return Rect(x: Self.plotLeft, y: top, width: width - Self.plotLeft - 130, height: height - top - bottom)
    }

    /// The cells' left edge in pixels.
    static let plotLeft = 76.0

    private func colourBar(into svg: inout SVGDocument, beside rect: Rect, domain: ClosedRange<Double>, notes: [CellFill]) {
        let id = "gs-cmap-" + colourMap.rawValue
        let bar = Rect(x: rect.maxX + 20, y: rect.y, width: 16, height: rect.height)
        let stops = colourMap.stops
        svg.group("g", [("class", "colour-bar")]) { svg in
            svg.group("linearGradient", [("id", .text(id)), ("x1", 0), ("y1", 1), ("x2", 0), ("y2", 0)]) { svg in
                for (index, stop) in stops.enumerated() {
                    svg.element("stop", [("offset", .number(Double(index) / Double(stops.count - 1))),
                                         ("stop-color", .text(stop.hex))])
                }
            }
            svg.rect(bar, fill: "url(#\(id))", stroke: SVGDocument.frameColour)
            for tick in colourScale.ticks(over: domain, count: 6) {
                let y = bar.maxY - (tick.coordinate - domain.lowerBound) / (domain.upperBound - domain.lowerBound) * bar.height
                svg.line(from: Point(x: bar.maxX, y: y), to: Point(x: bar.maxX + 4, y: y), colour: SVGDocument.frameColour)
                svg.text(tick.label, x: bar.maxX + 7, y: y + 4, size: 11)
            }
            let middle = bar.y + bar.height / 2, labelX = bar.maxX + 70
            svg.text(valueLabel, x: labelX, y: middle, anchor: "middle", size: 13,
                     extra: [("transform", .text("rotate(-90 \(NumberText.coordinate(labelX)) \(NumberText.coordinate(middle)))"))])
            for (index, fill) in notes.enumerated() {
                let y = bar.maxY + 24 + Double(index) * 14
                svg.rect(Rect(x: bar.x, y: y - 9, width: 10, height: 10), fill: fill.colour.hex, stroke: SVGDocument.frameColour)
                svg.text(fill.note ?? "", x: bar.x + 14, y: y, size: 11, colour: SVGDocument.noteColour)
            }
        }
    }
}
