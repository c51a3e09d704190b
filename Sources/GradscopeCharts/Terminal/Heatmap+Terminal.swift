extension Heatmap {
    /// Shades from low to high for terminals without colour.
    static let plainShades: [Character] = Array(" .:-=+*#%@")

    /// The heatmap drawn with half blocks `▀` (two cells per character, colour on) or shade characters (colour off).
    ///
    /// The result has exactly `height` lines of `width` visible characters: the title, the map with
    /// y range labels, the x axis and range, and a colour scale.
    public func terminal(width: Int = 80, height: Int = 20, colour: TerminalColour = .none) -> String {
        precondition(width >= 20 && height >= 6, "A terminal heatmap needs at least 20×6 characters.")
        let plotRows = height - 4
        let yLow = NumberText.label(yRange.lowerBound), yHigh = NumberText.label(yRange.upperBound)
        let labelWidth = max(yLow.count, yHigh.count) + 1
        let plotColumns = width - labelWidth - 1
        let domain = colourDomain
        let samplesDown = colour == .none ? plotRows : plotRows * 2
        let grey: Colour = "#808080"
        var grid = TerminalGrid(width: width, height: height)
        var usedFills: Set<CellFill> = []

        /// The cells behind sample `index` of `count` over `cells` cells.
        func block(_ index: Int, of count: Int, over cells: Int) -> Range<Int> {
            let low = index * cells / count
            return low..<max(low + 1, (index + 1) * cells / count)
        }
        /// The fill at sample (down, across), down = 0 at the top: the block's centre value, unless the block
        /// holds a NaN, ±Inf or log-zero, which is then shown so that no bad value hides between samples.
        func sample(_ down: Int, _ across: Int) -> (fill: CellFill, value: Double) {
            let rows = block(samplesDown - 1 - down, of: samplesDown, over: values.count)
            let columns = block(across, of: plotColumns, over: values[0].count)
            var result = (fill: CellFill.colour("#000000"), value: 0.0)
            for row in rows {
                for column in columns {
                    let value = values[row][column], fill = fill(for: value, in: domain)
                    if case .colour = fill { continue }
                    result = (fill, value)
                }
            }
            if case .colour = result.fill {
                let value = values[(rows.lowerBound + rows.upperBound - 1) / 2][(columns.lowerBound + columns.upperBound - 1) / 2]
                result = (fill(for: value, in: domain), value)
            }
            usedFills.insert(result.fill)
            return result
        }
        func shade(_ fill: CellFill, value: Double) -> Character {
            switch fill {
            case .notANumber: return "?"
            case .infinite: return "!"
            case .zeroOnLogScale: return "_"
            case .colour:
                let coordinate = colourScale.coordinate(of: value) ?? domain.lowerBound
                let t = min(max((coordinate - domain.lowerBound) / (domain.upperBound - domain.lowerBound), 0), 1)
                return Self.plainShades[min(Int(t * Double(Self.plainShades.count)), Self.plainShades.count - 1)]
            }
        }

        grid.write(title, row: 0, column: 0)
        for line in 0..<plotRows {
            grid.write("│", row: line + 1, column: labelWidth, colour: grey)
            for across in 0..<plotColumns {
                let column = labelWidth + 1 + across
                if colour == .none {
                    let cell = sample(line, across)
                    grid[line + 1, column] = .init(character: shade(cell.fill, value: cell.value))
                } else {
                    grid[line + 1, column] = .init(character: "▀", foreground: sample(2 * line, across).fill.colour,
                                                   background: sample(2 * line + 1, across).fill.colour)
                }
            }
        }
        grid.write(String(repeating: " ", count: labelWidth - yHigh.count) + yHigh + "┤", row: 1, column: 0)
        grid.write(String(repeating: " ", count: labelWidth - yLow.count) + yLow + "┤", row: plotRows, column: 0)
        grid.write("└" + String(repeating: "─", count: plotColumns), row: plotRows + 1, column: labelWidth, colour: grey)
        let xLow = NumberText.label(xRange.lowerBound), xHigh = NumberText.label(xRange.upperBound)
        grid.write(xLow, row: plotRows + 2, column: labelWidth + 1)
        grid.write(xLabel + " ↑" + yLabel, row: plotRows + 2,
                   column: labelWidth + 1 + max(xLow.count + 1, (plotColumns - xLabel.count) / 2))
        grid.write(xHigh, row: plotRows + 2, column: width - xHigh.count)

        let low = colourScale == .log10 ? NumberText.power(of10: Int(domain.lowerBound.rounded(.down)))
            : NumberText.label(domain.lowerBound)
        let high = colourScale == .log10 ? NumberText.power(of10: Int(domain.upperBound.rounded(.up)))
            : NumberText.label(domain.upperBound)
        var column = 0
        grid.write((valueLabel.isEmpty ? "" : valueLabel + " ") + low + " ", row: plotRows + 3, column: column)
        column += (valueLabel.isEmpty ? 0 : valueLabel.count + 1) + low.count + 1
        for step in 0..<16 {
            let t = Double(step) / 15
            grid[plotRows + 3, column] = colour == .none
                ? .init(character: Self.plainShades[min(Int(t * Double(Self.plainShades.count)), Self.plainShades.count - 1)])
                : .init(character: "█", foreground: colourMap.colour(at: t))
            column += 1
        }
        grid.write(" " + high, row: plotRows + 3, column: column)
        column += high.count + 3
        let symbols: [CellFill: Character] = [.notANumber: "?", .infinite: "!", .zeroOnLogScale: "_"]
        for fill in [CellFill.notANumber, .infinite, .zeroOnLogScale] where usedFills.contains(fill) {
            if colour == .none {
                grid.write("\(symbols[fill]!) \(fill.note!)  ", row: plotRows + 3, column: column)
            } else {
                grid[plotRows + 3, column] = .init(character: "█", foreground: fill.colour)
                grid.write(" \(fill.note!)  ", row: plotRows + 3, column: column + 1, colour: grey)
            }
            column += fill.note!.count + 4
        }
        return grid.rendered(colour: colour)
    }
}
