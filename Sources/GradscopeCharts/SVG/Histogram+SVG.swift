extension Histogram {
    /// The histogram as a standalone SVG document: one row of bars per group, each scaled to its own
    /// largest count, with that count and any uncounted values noted on the right.
    public func svg() -> String {
        let notes = rows.map(Self.note)
        let left = max(96, ((rows.map { TextMetrics.width(of: $0.label, size: 12) }.max() ?? 0) + 16).rounded(.up))
        let right = max(190, ((notes.map { TextMetrics.width(of: $0, size: 11) }.max() ?? 0) + 18).rounded(.up))
        let captionLines = SVGDocument.captionLines(caption, x: left, width: width)
        let top = title.isEmpty ? 20.0 : 44.0
        let bottom = 56.0 + Double(captionLines.count) * 16
        let rect = Rect(x: left, y: top, width: width - left - right, height: height - top - bottom)
        let projection = Projection(xDomain: range, yScale: .linear, yDomain: 0...1, rect: rect)
        let band = rect.height / Double(rows.count)

        var svg = SVGDocument(width: width, height: height)
        svg.rect(Rect(x: 0, y: 0, width: width, height: height), fill: "#FFFFFF")
        svg.title(title, x: rect.x, maxX: width - 8)
        svg.axes(projection, xTicks: Tick.linear(over: range), yTicks: [], xLabel: xLabel, yLabel: "")
        svg.group("g", [("class", "rows")]) { svg in
            for (index, row) in rows.enumerated() {
                let baseline = rect.y + band * Double(index + 1)
                let largest = max(row.counts.max() ?? 0, 1)
                let bucketWidth = rect.width / Double(max(row.counts.count, 1))
                for (bucket, count) in row.counts.enumerated() where count > 0 {
                    let barHeight = (band - 6) * Double(count) / Double(largest)
                    svg.rect(Rect(x: rect.x + Double(bucket) * bucketWidth, y: baseline - barHeight,
                                  width: bucketWidth, height: barHeight), fill: row.colour.hex)
                }
                svg.line(from: Point(x: rect.x, y: baseline), to: Point(x: rect.maxX, y: baseline), colour: SVGDocument.frameColour)
                svg.text(row.label, x: rect.x - 8, y: baseline - band / 2 + 4, anchor: "end")
                svg.text(notes[index], x: rect.maxX + 10, y: baseline - band / 2 + 4, size: 11,
                         colour: row.nonFinite > 0 ? "#B00020" : SVGDocument.noteColour)
            }
        }
        svg.caption(captionLines, x: rect.x, y: rect.maxY + 62)
        return svg.rendered()
    }

    /// The note right of a row: its largest count and the values no bucket holds.
    static func note(for row: Row) -> String {
        var notes = ["max \(row.counts.max() ?? 0)"]
        if row.outside > 0 { notes.append("\(row.outside) outside") }
        if row.nonFinite > 0 { notes.append("\(row.nonFinite) NaN/Inf") }
        return notes.joined(separator: ", ")
    }
}
