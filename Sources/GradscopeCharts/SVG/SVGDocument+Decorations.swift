/// Pieces shared by every SVG chart: title, caption, axes and gap marks.
extension SVGDocument {
    static let frameColour: Colour = "#333333"
    static let gridColour: Colour = "#E6E6E6"
    static let noteColour: Colour = "#444444"

    /// Splits `text` into lines of at most `width` characters at spaces.
    static func wrap(_ text: String, width: Int) -> [String] {
        TextWrap.lines(text, width: width)
    }

    mutating func title(_ title: String, x: Double) {
        guard !title.isEmpty else { return }
        text(title, x: x, y: 26, size: 16, colour: "#111111", extra: [("font-weight", "bold")])
    }

    mutating func caption(_ lines: [String], x: Double, y: Double) {
        for (index, line) in lines.enumerated() {
            text(line, x: x, y: y + Double(index) * 16, colour: "#555555")
        }
    }

    /// Grid lines (unless `gridColour` is nil), the plot frame, tick labels and axis labels.
    mutating func axes(_ projection: Projection, xTicks: [Tick], yTicks: [Tick], xLabel: String, yLabel: String,
                       gridColour: Colour? = Self.gridColour) {
        let rect = projection.rect
        group("g", [("class", "axes")]) { svg in
            for tick in xTicks {
                let x = projection.pixelX(tick.coordinate)
                if let gridColour { svg.line(from: Point(x: x, y: rect.y), to: Point(x: x, y: rect.maxY), colour: gridColour) }
                svg.line(from: Point(x: x, y: rect.maxY), to: Point(x: x, y: rect.maxY + 5), colour: Self.frameColour)
                svg.text(tick.label, x: x, y: rect.maxY + 18, anchor: "middle")
            }
            for tick in yTicks {
                let y = projection.pixelY(tick.coordinate)
                if let gridColour { svg.line(from: Point(x: rect.x, y: y), to: Point(x: rect.maxX, y: y), colour: gridColour) }
                svg.line(from: Point(x: rect.x - 5, y: y), to: Point(x: rect.x, y: y), colour: Self.frameColour)
                svg.text(tick.label, x: rect.x - 8, y: y + 4, anchor: "end")
            }
            svg.rect(rect, fill: "none", stroke: Self.frameColour)
            svg.text(xLabel, x: rect.x + rect.width / 2, y: rect.maxY + 38, anchor: "middle", size: 13)
            let middle = rect.y + rect.height / 2
            svg.text(yLabel, x: rect.x - 54, y: middle, anchor: "middle", size: 13,
                     extra: [("transform", .text("rotate(-90 \(NumberText.coordinate(rect.x - 54)) \(NumberText.coordinate(middle)))"))])
        }
    }

    /// The mark for a gap in a line: ▲ at the top edge (+Inf), ▼ at the bottom (−Inf),
    /// ✕ near the top (NaN), ○ at the bottom (0 on a log axis).
    mutating func gapMark(_ gap: Gap, x: Double, in rect: Rect, colour: Colour) {
        switch gap {
        case .positiveInfinity:
            triangle(at: Point(x: x, y: rect.y + 6), pointingUp: true, colour: colour)
        case .negativeInfinity:
            triangle(at: Point(x: x, y: rect.maxY - 6), pointingUp: false, colour: colour)
        case .notANumber:
            cross(at: Point(x: x, y: rect.y + 18), colour: colour)
        case .zeroOnLogAxis:
            element("circle", [("cx", .number(x)), ("cy", .number(rect.maxY - 6)), ("r", 4),
                               ("fill", "none"), ("stroke", .text(colour.hex)), ("stroke-width", 1.5)])
        }
    }

    mutating func triangle(at centre: Point, pointingUp: Bool, colour: Colour) {
        let s = pointingUp ? 1.0 : -1.0
        let corners = [Point(x: centre.x, y: centre.y - 5 * s), Point(x: centre.x - 5, y: centre.y + 4 * s),
                       Point(x: centre.x + 5, y: centre.y + 4 * s)]
        element("polygon", [("points", .text(Self.pointList(corners))), ("fill", .text(colour.hex))])
    }

    mutating func cross(at centre: Point, colour: Colour) {
        let d = 4.0
        let path = "M\(NumberText.coordinate(centre.x - d)),\(NumberText.coordinate(centre.y - d))"
            + "L\(NumberText.coordinate(centre.x + d)),\(NumberText.coordinate(centre.y + d))"
            + "M\(NumberText.coordinate(centre.x - d)),\(NumberText.coordinate(centre.y + d))"
            + "L\(NumberText.coordinate(centre.x + d)),\(NumberText.coordinate(centre.y - d))"
        element("path", [("d", .text(path)), ("stroke", .text(colour.hex)), ("stroke-width", 2), ("fill", "none")])
    }

    /// A clip path for the plot area, 1 px wider each side so that lines on the frame show whole;
    /// its id depends only on the rectangle, so equal ids mean equal clips.
    mutating func clipPath(for rect: Rect) -> String {
        let id = "gs-clip-" + [rect.x, rect.y, rect.width, rect.height]
            .map { NumberText.coordinate($0, decimals: 0) }.joined(separator: "-")
        group("clipPath", [("id", .text(id))]) { svg in svg.rect(rect.insetBy(-1), fill: "#FFFFFF") }
        return id
    }
}
