/// A path drawn over a ``Heatmap``, e.g. the (w, b) steps of gradient descent.
///
/// Each point gets a dot; the start is a ring and the name is written beside it.
public struct Trajectory: Sendable, Hashable {
    public var name: String
    public var xs: [Double]
    public var ys: [Double]
    public var colour: Colour

    public init(name: String, xs: [Double], ys: [Double], colour: Colour = "#FFFFFF") {
        precondition(xs.count == ys.count, "Trajectory '\(name)' has \(xs.count) xs but \(ys.count) ys.")
        self.name = name
        self.xs = xs
        self.ys = ys
        self.colour = colour
    }
}
