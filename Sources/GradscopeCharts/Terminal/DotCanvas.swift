/// A drawing surface of terminal cells, each split into dots: 2×4 braille dots, or one dot per cell.
struct DotCanvas {
    let columns: Int
    let rows: Int
    /// Dots per cell across and down.
    let dotsAcross: Int
    let dotsDown: Int
    private var bits: [[UInt8]]
    /// The series index that last drew into each cell.
    private(set) var owner: [[Int?]]

    init(columns: Int, rows: Int, braille: Bool) {
        self.columns = columns
        self.rows = rows
        dotsAcross = braille ? 2 : 1
        dotsDown = braille ? 4 : 1
        bits = Array(repeating: Array(repeating: 0, count: columns), count: rows)
        owner = Array(repeating: Array(repeating: nil, count: columns), count: rows)
    }

    /// The drawing rectangle in dots, for a ``Projection``.
    var rect: Rect { Rect(x: 0, y: 0, width: Double(columns * dotsAcross), height: Double(rows * dotsDown)) }

    /// Sets the dot under `point` (dot coordinates; points on the far edges fall in the last dot).
    mutating func set(_ point: Point, by series: Int) {
        let x = min(max(Int(point.x.rounded(.down)), 0), columns * dotsAcross - 1)
        let y = min(max(Int(point.y.rounded(.down)), 0), rows * dotsDown - 1)
        let (column, row) = (x / dotsAcross, y / dotsDown)
        let (dx, dy) = (x % dotsAcross, y % dotsDown)
        // Braille numbering: dots 1–3 and 7 down the left, 4–6 and 8 down the right.
        let bit = dy == 3 ? 6 + dx : dx * 3 + dy
        bits[row][column] |= 1 << bit
        owner[row][column] = series
    }

    /// Sets the dots along each polyline.
    mutating func draw(_ runs: [[Point]], by series: Int) {
        for run in runs {
            set(run[0], by: series)
            for (a, b) in zip(run, run.dropFirst()) {
                let steps = max(Int(max(abs(b.x - a.x), abs(b.y - a.y)).rounded(.up)), 1)
                for step in 1...steps {
                    let t = Double(step) / Double(steps)
                    set(Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t), by: series)
                }
            }
        }
    }

    /// The braille character of a cell, or nil when the cell is empty.
    func braille(row: Int, column: Int) -> Character? {
        bits[row][column] == 0 ? nil : Character(Unicode.Scalar(0x2800 + UInt32(bits[row][column]))!)
    }
}
