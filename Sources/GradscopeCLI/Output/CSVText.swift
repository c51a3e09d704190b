/// CSV text: a snake_case header and one line per record; cells never contain commas.
struct CSVText {
    var lines: [String]

    init(header: [String]) { lines = [header.joined(separator: ",")] }

    mutating func append(_ cells: [String]) { lines.append(cells.joined(separator: ",")) }

    var rendered: String { lines.joined(separator: "\n") }
}
