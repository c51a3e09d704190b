/// Pieces shared by every SVG chart: title, caption, axes and gap marks.
extension SVGDocument {
    static let frameColour: Colour = "#333333"
    static let gridColour: Colour = "#E6E6E6"
    static let noteColour: Colour = "#444444"

    /// Splits a caption into lines that fit between `x` and the right edge (8 px margin) of a `width`-wide chart.
    static func captionLines(_ text: String, x: Double, width: Double) -> [String] {
        TextMetrics.lines(text, maxWidth: width - x - 8, size: 12)
    }

    /// The bold title at the top left, its font shrunk (down to 10 px) until it fits before `maxX`.
    mutating func title(_ title: String, x: Double, maxX: Double) {
        guard !title.isEmpty else { return }
        let size = TextMetrics.fittingSize(of: title, maxWidth: maxX - x, size: 16, smallest: 10, bold: true)
        text(title, x: x, y: 26, size: size, colour: "#111111", extra: [("font-weight", "bold")])
    }

    /// Text at a spot chosen by a ``LabelLayout``, with a white halo so that it reads over lines.
    mutating func label(_ string: String, at spot: LabelLayout.Spot, size: Double, colour: Colour) {
        text(string, at: spot, size: size, colour: colour, extra: [("stroke", "#FFFFFF"), ("stroke-width", 3), ("paint-order", "stroke")])
    }

    /// Text at a spot chosen by a ``LabelLayout``.
    mutating func text(_ string: String, at spot: LabelLayout.Spot, size: Double, colour: Colour, extra: [(String, Value)] = []) {
        text(string, x: spot.x, y: spot.y, anchor: spot.anchor.rawValue, size: size, colour: colour, extra: extra)
    }

    /// How far left of the plot the rotated y label sits so that it clears y tick labels `tickWidth` wide.
    static func yLabelOffset(tickWidth: Double) -> Double {
        max(54, 8 + tickWidth + 6 + TextMetrics.descent * 13)
    }

    /// The widest y tick label in pixels.
    static func tickWidth(_ ticks: [Tick]) -> Double {
        ticks.map { TextMetrics.width(of: $0.label, size: 12) }.max() ?? 0
    }

    /// The plot's left edge: 76 px, or more when the y tick labels and the y label need it.
    static func plotLeft(yTicks: [Tick], hasYLabel: Bool = true) -> Double {
        let labelRoom = hasYLabel ? TextMetrics.ascent * 13 + 4 : 0
        return max(76, (yLabelOffset(tickWidth: tickWidth(yTicks)) + labelRoom).rounded(.up))
    }

    /// Every `k`-th x tick label, with the smallest k at which neighbouring labels keep 6 px apart.
    static func spacedLabels(_ ticks: [Tick], at xs: [Double]) -> Set<Int> {
        let boxes = zip(ticks, xs).map { tick, x in
            LabelLayout.box(tick.label, size: 12, at: .init(x: x, y: 0, anchor: .middle))
        }
        for k in 1...max(1, ticks.count) {
            let shown = Array(stride(from: 0, to: ticks.count, by: k))
            if zip(shown, shown.dropFirst()).allSatisfy({ boxes[$0].maxX + 6 <= boxes[$1].x }) { return Set(shown) }
        }
        return [0]
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
            let xs = xTicks.map { projection.pixelX($0.coordinate) }
            let labelled = Self.spacedLabels(xTicks, at: xs)
            for (index, (tick, x)) in zip(xTicks, xs).enumerated() {
                if let gridColour { svg.line(from: Point(x: x, y: rect.y), to: Point(x: x, y: rect.maxY), colour: gridColour) }
                svg.line(from: Point(x: x, y: rect.maxY), to: Point(x: x, y: rect.maxY + 5), colour: Self.frameColour)
                if labelled.contains(index) { svg.text(tick.label, x: x, y: rect.maxY + 18, anchor: "middle") }
            }
            for tick in yTicks {
                let y = projection.pixelY(tick.coordinate)
                if let gridColour { svg.line(from: Point(x: rect.x, y: y), to: Point(x: rect.maxX, y: y), colour: gridColour) }
                svg.line(from: Point(x: rect.x - 5, y: y), to: Point(x: rect.x, y: y), colour: Self.frameColour)
                svg.text(tick.label, x: rect.x - 8, y: y + 4, anchor: "end")
            }
            svg.rect(rect, fill: "none", stroke: Self.frameColour)
            svg.text(xLabel, x: rect.x + rect.width / 2, y: rect.maxY + 38, anchor: "middle", size: 13)
            let middle = rect.y + rect.height / 2, labelX = rect.x - Self.yLabelOffset(tickWidth: Self.tickWidth(yTicks))
            svg.text(yLabel, x: labelX, y: middle, anchor: "middle", size: 13,
                     extra: [("transform", .text("rotate(-90 \(NumberText.coordinate(labelX)) \(NumberText.coordinate(middle)))"))])
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
