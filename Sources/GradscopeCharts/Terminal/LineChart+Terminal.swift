extension LineChart {
    /// Plain-text glyphs for series when colour is off, in series order.
    static let plainGlyphs: [Character] = ["*", "+", "o", "#", "%", "@", "=", "~"]

    /// The chart drawn with braille dots (colour on) or one glyph per series (colour off).
    ///
    /// The result has exactly `height` lines of `width` visible characters: the title (wrapped), the
    /// plot with y tick labels, the x axis and range, and a legend wrapped onto as many lines as it
    /// needs (the plot gives up the rows). Marker labels are written whole, on their line or the
    /// nearest row where they overwrite no other label and, if possible, no data.
    ///
    ///     print(chart.terminal(width: 80, height: 20, colour: TerminalStyle.detect().colour))
    public func terminal(width: Int = 80, height: Int = 20, colour: TerminalColour = .none) -> String {
        precondition(width >= 20 && height >= 6, "A terminal chart needs at least 20×6 characters.")
        let legend = legendLines(width: width, colour: colour)
        let titleLines = title.isEmpty ? [""] : Array(TextWrap.lines(title, width: width).prefix(max(1, height - 6 - legend.count)))
        let plotRows = max(2, height - 2 - titleLines.count - legend.count)
        let top = titleLines.count
        let probe = projection(onto: Rect(x: 0, y: 0, width: 1, height: 1))
        let yTicks = yScale.ticks(over: probe.yDomain, count: max(2, min(6, plotRows / 2)))
        let labelWidth = (yTicks.map(\.label.count).max() ?? 1) + 1
        let plotColumns = width - labelWidth - 1
        var canvas = DotCanvas(columns: plotColumns, rows: plotRows, braille: colour != .none)
        let projection = projection(onto: canvas.rect)
        let traces = series.map { Trace(series: $0, projection: projection) }
        var grid = TerminalGrid(width: width, height: top + plotRows + 2 + legend.count)
        let grey: Colour = "#808080"

        for (row, line) in titleLines.enumerated() { grid.write(line, row: row, column: 0) }
        for (index, trace) in traces.enumerated() { canvas.draw(trace.runs, by: index) }
        /// Cells of the plot that a label must not cover: other labels and gap marks always, data when it can.
        var labelled = Array(repeating: Array(repeating: false, count: plotColumns), count: plotRows)
        for row in 0..<plotRows {
            grid.write("│", row: top + row, column: labelWidth, colour: grey)
            for column in 0..<plotColumns {
                guard let index = canvas.owner[row][column], let dots = canvas.braille(row: row, column: column) else { continue }
                grid[top + row, labelWidth + 1 + column] = .init(
                    character: colour == .none ? Self.plainGlyphs[index % Self.plainGlyphs.count] : dots,
                    foreground: series[index].colour)
            }
        }
        func row(ofDotY y: Double) -> Int { min(max(Int(y) / canvas.dotsDown, 0), plotRows - 1) }
        let shownMarkers = markers.compactMap { marker -> (MarkerLine, Int)? in
            guard let coordinate = yScale.coordinate(of: marker.y), projection.yDomain.contains(coordinate) else { return nil }
            return (marker, row(ofDotY: projection.pixelY(coordinate)))
        }
        for (marker, line) in shownMarkers {
            for column in 0..<plotColumns where grid[top + line, labelWidth + 1 + column].character == " " {
                grid[top + line, labelWidth + 1 + column] = .init(character: "┄", foreground: marker.colour)
            }
        }
        for (index, trace) in traces.enumerated() {
            for mark in trace.gapMarks {
                let column = min(Int(mark.x) / canvas.dotsAcross, plotColumns - 1)
                let line = switch mark.gap {
                case .positiveInfinity: 0
                case .notANumber: min(1, plotRows - 1)
                case .negativeInfinity, .zeroOnLogAxis: plotRows - 1
                }
                let glyph = colour == .none ? mark.gap.asciiGlyph : mark.gap.note.first!
                grid[top + line, labelWidth + 1 + column] = .init(character: glyph, foreground: series[index].colour)
                labelled[line][column] = true
            }
        }
        for (marker, line) in shownMarkers {
            let label = Array(" " + marker.label + " ")
            let length = min(label.count, plotColumns)
            let starts = [plotColumns - length, 0, (plotColumns - length) / 2]
            var best: (row: Int, start: Int, data: Int)?
            for offset in [0, -1, 1, -2, 2, -3, 3] {
                let candidate = line + offset
                guard (0..<plotRows).contains(candidate) else { continue }
                for start in starts {
                    let cells = start..<start + length
                    guard !cells.contains(where: { labelled[candidate][$0] }) else { continue }
                    let data = cells.filter { canvas.owner[candidate][$0] != nil }.count
                    if best == nil || data < best!.data { best = (candidate, start, data) }
                }
                if best?.data == 0 { break }
            }
            guard let best else { continue }  // no free row near the line: the line stays unlabelled
            for offset in 0..<length {
                grid[top + best.row, labelWidth + 1 + best.start + offset] = .init(character: label[offset], foreground: marker.colour)
                labelled[best.row][best.start + offset] = true
            }
        }
        for tick in yTicks {
            let line = top + row(ofDotY: projection.pixelY(tick.coordinate))
            let label = String(repeating: " ", count: labelWidth - tick.label.count) + tick.label
            grid.write(label, row: line, column: 0)
            grid.write("┤", row: line, column: labelWidth, colour: grey)
        }
        grid.write("└" + String(repeating: "─", count: plotColumns), row: top + plotRows, column: labelWidth, colour: grey)
        let low = NumberText.label(projection.xDomain.lowerBound), high = NumberText.label(projection.xDomain.upperBound)
        grid.write(low, row: top + plotRows + 1, column: labelWidth + 1)
        grid.write(high, row: top + plotRows + 1, column: width - high.count)
        let room = width - high.count - 1 - (labelWidth + 1 + low.count + 1)
        let axisLabel = xLabel.count <= room ? xLabel : String(xLabel.prefix(max(0, room - 1))) + "…"
        let centred = labelWidth + 1 + (plotColumns - axisLabel.count) / 2
        let start = min(max(labelWidth + 1 + low.count + 1, centred), width - high.count - 1 - axisLabel.count)
        if room > 1 { grid.write(axisLabel, row: top + plotRows + 1, column: start) }

        for (offset, line) in legend.enumerated() {
            for item in line { grid.write(item.text, row: top + plotRows + 2 + offset, column: item.column, colour: item.colour) }
        }
        return grid.rendered(colour: colour)
    }

    /// The legend's pieces (swatch, name, note) laid out on lines of at most `width` characters.
    func legendLines(width: Int, colour: TerminalColour) -> [[(text: String, column: Int, colour: Colour?)]] {
        var entries: [[(text: String, colour: Colour?)]] = []
        for (index, line) in series.enumerated() where !line.name.isEmpty {
            let swatch = colour == .none ? String(Self.plainGlyphs[index % Self.plainGlyphs.count]) : "━━"
            entries.append([(swatch, line.colour), (" " + line.name, nil)])
        }
        let traces = series.map { Trace(series: $0, projection: projection(onto: Rect(x: 0, y: 0, width: 100, height: 100))) }
        for note in Self.notes(for: traces) {
            let text = note.gap.map { gap in colour == .none ? String(gap.asciiGlyph) + gap.note.dropFirst() : gap.note } ?? note.text
            entries.append([(text, "#808080")])
        }
        var lines: [[(text: String, column: Int, colour: Colour?)]] = [[]]
        var column = 0
        for entry in entries {
            let length = entry.reduce(0) { $0 + $1.text.count }
            if column > 0, column + length > width {
                lines.append([])
                column = 0
            }
            for var piece in entry {
                if length > width, column + piece.text.count > width {  // only a single over-long entry is cut
                    piece.text = String(piece.text.prefix(max(0, width - column - 1))) + "…"
                }
                lines[lines.count - 1].append((piece.text, column, piece.colour))
                column += piece.text.count
            }
            column += 2
        }
        return lines
    }
}
