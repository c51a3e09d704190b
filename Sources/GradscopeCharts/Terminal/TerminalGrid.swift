/// A fixed-size grid of characters, each with optional foreground and background colours.
///
/// Rendering pads or cuts every line to exactly `width` visible characters, so escape codes
/// never count towards the width.
struct TerminalGrid {
    struct Cell: Hashable {
        var character: Character = " "
        var foreground: Colour?
        var background: Colour?
    }

    let width: Int
    let height: Int
    private var cells: [[Cell]]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: Array(repeating: Cell(), count: width), count: height)
    }

    subscript(row: Int, column: Int) -> Cell {
        get { cells[row][column] }
        set {
            guard (0..<height).contains(row), (0..<width).contains(column) else { return }
            cells[row][column] = newValue
        }
    }

    /// Writes `text` from `column` on, cut at the right edge.
    mutating func write(_ text: String, row: Int, column: Int, colour: Colour? = nil) {
        for (offset, character) in text.enumerated() where column + offset < width {
            self[row, column + offset] = Cell(character: character, foreground: colour)
        }
    }

    /// The grid as lines joined by newlines, with escape codes only when `colour` is not `.none`.
    func rendered(colour mode: TerminalColour) -> String {
        cells.map { row in
            var line = ""
            var active: (Colour?, Colour?) = (nil, nil)
            for cell in row {
                let wanted = mode == .none ? (nil, nil) : (cell.foreground, cell.background)
                if wanted != active {
                    if active != (nil, nil) { line += "\u{1B}[0m" }
                    line += Self.escape(foreground: wanted.0, background: wanted.1, mode: mode)
                    active = wanted
                }
                line.append(cell.character)
            }
            if active != (nil, nil) { line += "\u{1B}[0m" }
            return line
        }.joined(separator: "\n") + "\n"
    }

    private static func escape(foreground: Colour?, background: Colour?, mode: TerminalColour) -> String {
        var codes: [String] = []
        if let foreground { codes.append("38;" + code(foreground, mode)) }
        if let background { codes.append("48;" + code(background, mode)) }
        return codes.isEmpty ? "" : "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// `2;R;G;B` for 24-bit colour, `5;N` for the nearest colour of the 6×6×6 cube.
    private static func code(_ colour: Colour, _ mode: TerminalColour) -> String {
        switch mode {
        case .trueColour, .none:
            return "2;\(colour.red);\(colour.green);\(colour.blue)"
        case .ansi256:
            func level(_ channel: UInt8) -> Int { Int((Double(channel) / 255 * 5).rounded()) }
            return "5;\(16 + 36 * level(colour.red) + 6 * level(colour.green) + level(colour.blue))"
        }
    }
}
