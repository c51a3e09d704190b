extension LineChart {
    /// Plain-text glyphs for series when colour is off, in series order.
    static let plainGlyphs: [Character] = ["*", "+", "o", "#", "%", "@", "=", "~"]

    /// The chart drawn with braille dots (colour on) or one glyph per series (colour off).
    ///
    /// The result has exactly `height` lines of `width` visible characters: the title, the plot with
    /// y tick labels, the x axis and range, and a legend.
    ///
    ///     print(chart.terminal(width: 80, height: 20, colour: TerminalStyle.detect().colour))
    public func terminal(width: Int = 80, height: Int = 20, colour: TerminalColour = .none) -> String {
        precondition(width >= 20 && height >= 6, "A terminal chart needs at least 20×6 characters.")
        let plotRows = height - 4
        let probe = projection(onto: Rect(x: 0, y: 0, width: 1, height: 1))
        let yTicks = yScale.ticks(over: probe.yDomain, count: max(2, min(6, plotRows / 2)))
        let labelWidth = (yTicks.map(\.label.count).max() ?? 1) + 1
        let plotColumns = width - labelWidth - 1
        var canvas = DotCanvas(columns: plotColumns, rows: plotRows, braille: colour != .none)
        let projection = projection(onto: canvas.rect)
        let traces = series.map { Trace(series: $0, projection: projection) }
        var grid = TerminalGrid(width: width, height: height)
        let grey: Colour = "#808080"

        grid.write(title, row: 0, column: 0)
        for (index, trace) in traces.enumerated() { canvas.draw(trace.runs, by: index) }
        for row in 0..<plotRows {
            grid.write("│", row: row + 1, column: labelWidth, colour: grey)
            for column in 0..<plotColumns {
                guard let index = canvas.owner[row][column], let dots = canvas.braille(row: row, column: column) else { continue }
                grid[row + 1, labelWidth + 1 + column] = .init(
                    character: colour == .none ? Self.plainGlyphs[index % Self.plainGlyphs.count] : dots,
                    foreground: series[index].colour)
            }
        }
        func row(ofDotY y: Double) -> Int { min(max(Int(y) / canvas.dotsDown, 0), plotRows - 1) + 1 }
        for marker in markers {
            guard let coordinate = yScale.coordinate(of: marker.y), projection.yDomain.contains(coordinate) else { continue }
            let line = row(ofDotY: projection.pixelY(coordinate))
            for column in 0..<plotColumns where grid[line, labelWidth + 1 + column].character == " " {
                grid[line, labelWidth + 1 + column] = .init(character: "┄", foreground: marker.colour)
            }
            let label = " " + marker.label + " "
            for (offset, character) in label.enumerated() {
                let column = max(labelWidth + 1, width - label.count) + offset
                guard column < width, "┄ ".contains(grid[line, column].character) else { continue }
                grid[line, column] = .init(character: character, foreground: marker.colour)
            }
        }
        for (index, trace) in traces.enumerated() {
            for mark in trace.gapMarks {
                let column = labelWidth + 1 + min(Int(mark.x) / canvas.dotsAcross, plotColumns - 1)
                let line = switch mark.gap {
                case .positiveInfinity: 1
                case .notANumber: min(2, plotRows)
                case .negativeInfinity, .zeroOnLogAxis: plotRows
                }
                let glyph = colour == .none ? mark.gap.asciiGlyph : mark.gap.note.first!
                grid[line, column] = .init(character: glyph, foreground: series[index].colour)
            }
        }
        for tick in yTicks {
            let line = row(ofDotY: projection.pixelY(tick.coordinate))
            let label = String(repeating: " ", count: labelWidth - tick.label.count) + tick.label
            grid.write(label, row: line, column: 0)
            grid.write("┤", row: line, column: labelWidth, colour: grey)
        }
        grid.write("└" + String(repeating: "─", count: plotColumns), row: plotRows + 1, column: labelWidth, colour: grey)
        let low = NumberText.label(projection.xDomain.lowerBound), high = NumberText.label(projection.xDomain.upperBound)
        grid.write(low, row: plotRows + 2, column: labelWidth + 1)
        grid.write(xLabel, row: plotRows + 2, column: labelWidth + 1 + max(low.count + 1, (plotColumns - xLabel.count) / 2))
        grid.write(high, row: plotRows + 2, column: width - high.count)

        var column = 0
        for (index, line) in series.enumerated() where !line.name.isEmpty {
            let swatch = colour == .none ? String(Self.plainGlyphs[index % Self.plainGlyphs.count]) : "━━"
            grid.write(swatch, row: plotRows + 3, column: column, colour: line.colour)
            grid.write(" " + line.name + "  ", row: plotRows + 3, column: column + swatch.count)
            column += swatch.count + line.name.count + 3
        }
        for note in Self.notes(for: traces) {
            let text = note.gap.map { gap in colour == .none ? String(gap.asciiGlyph) + gap.note.dropFirst() : gap.note } ?? note.text
            grid.write(text + "  ", row: plotRows + 3, column: column, colour: grey)
            column += text.count + 2
        }
        return grid.rendered(colour: colour)
    }
}
