/// Places text labels so that none overlaps another or leaves its bounds.
///
/// Each label offers candidate positions in order of preference; the first that stays inside
/// `bounds`, meets no placed label and crosses no data line wins, else the first that meets no
/// label, else the label moves down (then up) in steps of its height until it is free.
///
///     var layout = LabelLayout(bounds: rect)
///     let spot = layout.place("Float32 max 3.4e38", size: 11, candidates: [(x, y - 5, .end), (x, y + 13, .end)])
struct LabelLayout {
    enum Anchor: String { case start, middle, end }

    /// Where a label goes: its baseline position and anchor.
    struct Spot: Hashable {
        var x: Double
        var y: Double
        var anchor: Anchor
    }

    let bounds: Rect
    /// Boxes already taken (labels placed, and anything else text must avoid).
    private(set) var taken: [Rect] = []
    /// Data polylines that labels should not cover, when a free spot exists.
    var lines: [[Point]] = []

    init(bounds: Rect, taken: [Rect] = []) {
        self.bounds = bounds
        self.taken = taken
    }

    /// The box `getBBox()` reports for a line of text at `spot`.
    static func box(_ text: String, size: Double, at spot: Spot, bold: Bool = false) -> Rect {
        let width = TextMetrics.width(of: text, size: size, bold: bold)
        let left = switch spot.anchor {
        case .start: spot.x
        case .middle: spot.x - width / 2
        case .end: spot.x - width
        }
        return Rect(x: left, y: spot.y - TextMetrics.ascent * size, width: width,
                    height: (TextMetrics.ascent + TextMetrics.descent) * size)
    }

    /// Reserves `box` so that no label is placed over it.
    mutating func reserve(_ box: Rect) { taken.append(box) }

    /// The chosen spot for `text`, reserved from now on.
    mutating func place(_ text: String, size: Double, candidates: [Spot], bold: Bool = false) -> Spot {
        precondition(!candidates.isEmpty, "A label needs at least one candidate position.")
        func box(_ spot: Spot) -> Rect { Self.box(text, size: size, at: spot, bold: bold) }
        func free(_ spot: Spot) -> Bool {
            let b = box(spot)
            return contains(b) && !taken.contains { $0.intersects(b) }
        }
        func clear(_ spot: Spot) -> Bool {
            let b = box(spot)
            return !lines.contains { run in zip(run, run.dropFirst()).contains { b.clip($0, $1) != nil } || run.contains(where: b.contains) }
        }
        let spot = candidates.first { free($0) && clear($0) }
            ?? candidates.first(where: free)
            ?? shifted(candidates[0], box: box, free: free)
        taken.append(box(spot))
        return spot
    }

    /// The first spot below, then above, `start` (kept inside the bounds horizontally) that is free.
    private func shifted(_ start: Spot, box: (Spot) -> Rect, free: (Spot) -> Bool) -> Spot {
        var spot = start
        let b = box(start)
        if b.x < bounds.x { spot.x += bounds.x - b.x }
        if b.maxX > bounds.maxX { spot.x -= b.maxX - bounds.maxX }
        let step = b.height + 1
        for k in 1...200 {
            for direction in [1.0, -1.0] {
                var moved = spot
                moved.y += direction * Double(k) * step
                if free(moved) { return moved }
            }
        }
        return spot
    }

    private func contains(_ box: Rect) -> Bool {
        box.x >= bounds.x && box.maxX <= bounds.maxX && box.y >= bounds.y && box.maxY <= bounds.maxY
    }
}

extension Rect {
    /// Whether the two rectangles share any area (touching edges do not count).
    func intersects(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }
}
