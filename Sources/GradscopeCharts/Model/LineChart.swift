/// Lines over a shared x axis, with an optional log y axis and reference lines.
///
///     let chart = LineChart(title: "relu(8x) nested", xLabel: "x", yLabel: "y", series: [
///         Series(name: "depth 1", xs: xs, colour: Palette.depthColour(depth: 1, of: 3)) { max(0, 8 * $0) },
///     ])
///     let svg = chart.svg()
public struct LineChart: Sendable, Hashable {
    public var title: String
    public var caption: String
    public var xLabel: String
    public var yLabel: String
    public var yScale: AxisScale
    public var series: [Series]
    public var markers: [MarkerLine]
    /// The x range shown; nil fits the data exactly.
    public var xDomain: ClosedRange<Double>?
    /// The y range shown (values, not logarithms); nil fits data and markers, rounded to ticks.
    public var yDomain: ClosedRange<Double>?
    /// Size of the SVG in pixels.
    public var width: Double
    public var height: Double

    public init(
        title: String, caption: String = "", xLabel: String = "x", yLabel: String = "y",
        yScale: AxisScale = .linear, series: [Series], markers: [MarkerLine] = [],
        xDomain: ClosedRange<Double>? = nil, yDomain: ClosedRange<Double>? = nil,
        width: Double = 720, height: Double = 440
    ) {
        self.title = title
        self.caption = caption
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.yScale = yScale
        self.series = series
        self.markers = markers
        self.xDomain = xDomain
        self.yDomain = yDomain
        self.width = width
        self.height = height
    }
}
