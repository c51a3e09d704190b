/// Maps a value in 0…1 to a colour, for heatmaps and colour bars.
public enum ColourMap: String, Sendable, CaseIterable {
    /// Perceptually uniform dark purple → yellow (matplotlib's viridis).
    case viridis
    /// Blue (low) → white (middle) → red (high), after ColorBrewer's RdBu.
    case diverging

    /// The colour at `t`, clamped to 0…1.
    public func colour(at t: Double) -> Colour {
        Colour.interpolate(stops, at: t)
    }

    /// The control points, evenly spaced from 0 to 1.
    public var stops: [Colour] {
        switch self {
        case .viridis: Self.viridisStops
        case .diverging: Self.divergingStops
        }
    }

    /// Viridis sampled at i/19, i = 0…19.
    private static let viridisStops: [Colour] = [
        "#440154", "#481567", "#482677", "#453781", "#404788", "#39568C", "#33638D",
        "#2D708E", "#287D8E", "#238A8D", "#1F968B", "#20A387", "#29AF7F", "#3CBB75",
        "#55C667", "#73D055", "#95D840", "#B8DE29", "#DCE319", "#FDE725",
    ]

    /// ColorBrewer RdBu (11 classes), reversed so that low values are blue.
    private static let divergingStops: [Colour] = [
        "#053061", "#2166AC", "#4393C3", "#92C5DE", "#D1E5F0", "#F7F7F7",
        "#FDDBC7", "#F4A582", "#D6604D", "#B2182B", "#67001F",
    ]
}
