/// One named line of a ``LineChart``: points (x, y) joined in order.
///
/// NaN or ±Inf in `ys` (or `xs`) break the line; the chart marks where they start.
public struct Series: Sendable, Hashable {
    public var name: String
    public var xs: [Double]
    public var ys: [Double]
    public var colour: Colour
    /// Dash pattern in pixels (SVG `stroke-dasharray`), or nil for a solid line.
    public var dash: [Double]?

    public init(name: String, xs: [Double], ys: [Double], colour: Colour, dash: [Double]? = nil) {
        precondition(xs.count == ys.count, "Series '\(name)' has \(xs.count) xs but \(ys.count) ys.")
        self.name = name
        self.xs = xs
        self.ys = ys
        self.colour = colour
        self.dash = dash
    }

    /// The series y = f(x) sampled at `xs`.
    public init(name: String, xs: [Double], colour: Colour, dash: [Double]? = nil, _ function: (Double) -> Double) {
        self.init(name: name, xs: xs, ys: xs.map(function), colour: colour, dash: dash)
    }
}
