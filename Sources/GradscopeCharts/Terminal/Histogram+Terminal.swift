extension Histogram {
    /// Bar heights from empty to full, one character per bucket.
    static let barGlyphs: [Character] = Array(" ▁▂▃▄▅▆▇█")
    static let plainGlyphs: [Character] = Array(" .:-=+*#%@")

    /// One line per row: the label, the buckets as bar glyphs scaled to the row's largest count
    /// (plain shade characters when colour is off), and the row's largest count. `height` limits the
    /// number of rows shown (evenly spaced, first and last kept); the title and the range take two lines.
    public func terminal(width: Int = 80, height: Int = 20, colour: TerminalColour = .none) -> String {
        let glyphs = colour == .none ? Self.plainGlyphs : Self.barGlyphs
        let shown = max(1, min(rows.count, height - 2))
        let picked = shown == 1 ? [rows[0]] : (0..<shown).map { rows[$0 * (rows.count - 1) / (shown - 1)] }
        let labelWidth = picked.map(\.label.count).max() ?? 0
        var lines = [title]
        for row in picked {
            let largest = max(row.counts.max() ?? 0, 1)
            let bars = String(row.counts.map { count -> Character in
                count == 0 ? " " : glyphs[max(1, Int((Double(count) / Double(largest) * Double(glyphs.count - 1)).rounded()))]
            })
            let label = String(repeating: " ", count: labelWidth - row.label.count) + row.label
            var notes = "max \(largest)"
            if row.outside > 0 { notes += ", \(row.outside) outside" }
            if row.nonFinite > 0 { notes += ", \(row.nonFinite) NaN/Inf" }
            lines.append("\(label) │\(bars)│ \(notes)")
        }
        let low = NumberText.label(range.lowerBound), high = NumberText.label(range.upperBound)
        let span = rows.first?.counts.count ?? 30
        let gap = max(1, span + 2 - low.count - high.count)
        lines.append(String(repeating: " ", count: labelWidth + 1) + low + String(repeating: " ", count: gap) + high + "  \(xLabel)")
        return lines.joined(separator: "\n")
    }
}
