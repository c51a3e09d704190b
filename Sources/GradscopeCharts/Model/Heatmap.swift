/// A grid of values over an x range and a y range, coloured by a ``ColourMap``.
///
/// `values[row][column]`: row 0 is at the bottom (`yRange.lowerBound`), column 0 on the left.
/// Cells are centred on evenly spaced sample points spanning the ranges.
///
///     let map = Heatmap(title: "loss", values: grid, xRange: -4...4, yRange: -4...4,
///                       colourScale: .log10)
public struct Heatmap: Sendable, Hashable {
    public var title: String
    public var caption: String
    public var xLabel: String
    public var yLabel: String
    /// The name of the value, written beside the colour bar.
    public var valueLabel: String
    public var values: [[Double]]
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var colourMap: ColourMap
    /// `.log10` colours by log10|value|; zeros are drawn as "no value".
    public var colourScale: AxisScale
    /// The value range of the colour bar; nil fits the finite values (symmetric about 0 for `.diverging`).
    public var valueDomain: ClosedRange<Double>?
    public var trajectories: [Trajectory]
    public var width: Double
    public var height: Double
    /// Extra attributes for the SVG's root element (a class, `data-` values for a client); none by default.
    public var rootAttributes: [SVGAttribute] = []

    public init(
        title: String, caption: String = "", xLabel: String = "x", yLabel: String = "y",
        valueLabel: String = "", values: [[Double]], xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
        colourMap: ColourMap = .viridis, colourScale: AxisScale = .linear,
        valueDomain: ClosedRange<Double>? = nil, trajectories: [Trajectory] = [],
        width: Double = 640, height: Double = 520
    ) {
        precondition(!values.isEmpty && !values[0].isEmpty, "A heatmap needs at least one value.")
        precondition(values.allSatisfy { $0.count == values[0].count }, "Heatmap rows must all have the same length.")
        self.title = title
        self.caption = caption
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.valueLabel = valueLabel
        self.values = values
        self.xRange = xRange
        self.yRange = yRange
        self.colourMap = colourMap
        self.colourScale = colourScale
        self.valueDomain = valueDomain
        self.trajectories = trajectories
        self.width = width
        self.height = height
    }

    /// The grid sampled from `function(x, y)` at `columns` × `rows` evenly spaced points.
    public init(
        title: String, caption: String = "", xLabel: String = "x", yLabel: String = "y", valueLabel: String = "",
        xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, columns: Int, rows: Int,
        colourMap: ColourMap = .viridis, colourScale: AxisScale = .linear,
        _ function: (Double, Double) -> Double
    ) {
        func samples(_ range: ClosedRange<Double>, _ count: Int) -> [Double] {
            count == 1 ? [range.lowerBound] : (0..<count).map {
                range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(count - 1)
            }
        }
        let xs = samples(xRange, columns)
        let values = samples(yRange, rows).map { y in xs.map { x in function(x, y) } }
        self.init(title: title, caption: caption, xLabel: xLabel, yLabel: yLabel, valueLabel: valueLabel,
                  values: values, xRange: xRange, yRange: yRange, colourMap: colourMap, colourScale: colourScale)
    }
}
