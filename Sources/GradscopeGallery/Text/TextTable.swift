/// A plain-text table with right-aligned columns and a rule under the header, for the terminal.
///
/// ```swift
/// var table = TextTable(["layer", "dy/dx"])
/// table.append(["1", "8"])
/// print(table.rendered)
/// ```
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(_ header: [String]) { self.header = header }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public var rendered: String {
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}
