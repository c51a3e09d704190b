/// Colours of the post's figures and of Gradscope's charts.
public enum Palette {
    /// The post's colours for depths 1, 2 and 3: CSS `pink`, `red` and `darkred`.
    public static let seedDepths = ["#FFC0CB", "#FF0000", "#8B0000"]

    /// Distinct colours for series that are not depths (trajectories, precisions, …).
    public static let categorical: [Colour] = [
        "#1F77B4", "#FF7F0E", "#2CA02C", "#9467BD", "#8C564B", "#E377C2", "#7F7F7F", "#17BECF",
    ]

    /// The colour of depth `depth` (1-based) out of `count` depths.
    ///
    /// Up to three depths use the post's pink, red and dark red; more depths
    /// get a ramp from pink through red to dark red, light to dark.
    ///
    ///     Palette.depthColour(depth: 2, of: 3).hex   // "#FF0000"
    public static func depthColour(depth: Int, of count: Int) -> Colour {
        precondition(count >= 1 && (1...count).contains(depth), "Depth \(depth) is not in 1...\(count).")
        let seeds = seedDepths.map(Colour.init(hex:))
        if count <= seeds.count { return seeds[depth - 1] }
        return Colour.interpolate(seeds, at: Double(depth - 1) / Double(count - 1))
    }

    /// The colour of the `index`-th (0-based) series in a categorical chart, cycling.
    public static func categoricalColour(_ index: Int) -> Colour {
        categorical[((index % categorical.count) + categorical.count) % categorical.count]
    }
}
