/// A labelled horizontal reference line, e.g. the largest finite Float16.
///
///     MarkerLine(y: 65504, label: "Float16 max 65504")
public struct MarkerLine: Sendable, Hashable {
    public var y: Double
    public var label: String
    public var colour: Colour

    public init(y: Double, label: String, colour: Colour = "#555555") {
        self.y = y
        self.label = label
        self.colour = colour
    }
}
