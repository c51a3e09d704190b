import GradscopeCharts

extension Figure {
    /// The figure for a terminal `width` columns wide: its heading (the seed system first, bold in
    /// colour) underlined, the explanation, each chart 14 rows high, the table and "→ caption".
    public func terminalText(width: Int, colour: TerminalColour) -> String {
        let heading = "\(system.map { "\($0.rawValue)  " } ?? "")\(title)"
        let bold = colour == .none ? heading : "\u{1B}[1m\(heading)\u{1B}[0m"
        var text = "\n\(bold)\n\(String(repeating: "═", count: min(width, heading.count)))\n"
        text += TextWrap.wrap(explanation, width: width) + "\n\n"
        for chart in charts {
            text += chart.terminal(width: width, height: 14, colour: colour) + "\n\n"
        }
        var rendered = TextTable(table.headers)
        for row in table.rows {
            rendered.append(row.map { cell in
                switch cell {
                case .number(let v): NumberText.caption(v)
                case .text(let t): t
                }
            })
        }
        text += rendered.rendered + "\n\n" + TextWrap.wrap("→ " + caption, width: width) + "\n"
        return text
    }
}
