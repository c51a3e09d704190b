/// Counts of values in equal buckets over one range, one row per group (e.g. per layer), drawn as ridge rows.
///
///     let layers = (1...4).map { Histogram.Row(label: "layer \($0)", values: gradients[$0], range: -1...1) }
///     let svg = Histogram(title: "Gradients per layer", xLabel: "gradient", range: -1...1, rows: layers).svg()
public struct Histogram: Sendable, Hashable {
    /// One group's counts.
    public struct Row: Sendable, Hashable {
        public var label: String
        public var counts: [Int]
        public var colour: Colour
        /// Finite values outside the histogram's range, not in any bucket.
        public var outside: Int
        /// NaN and ±Inf values, not in any bucket.
        public var nonFinite: Int

        public init(label: String, counts: [Int], colour: Colour = "#B22222", outside: Int = 0, nonFinite: Int = 0) {
            self.label = label
            self.counts = counts
            self.colour = colour
            self.outside = outside
            self.nonFinite = nonFinite
        }

        /// Buckets `values` into `buckets` equal parts of `range` (the top edge belongs to the last bucket).
        public init(label: String, values: [Double], buckets: Int = 30, range: ClosedRange<Double>, colour: Colour = "#B22222") {
            precondition(buckets > 0 && range.upperBound > range.lowerBound, "A histogram needs buckets over a non-empty range.")
            var counts = Array(repeating: 0, count: buckets)
            var outside = 0, nonFinite = 0
            for value in values {
                if !value.isFinite {
                    nonFinite += 1
                } else if !range.contains(value) {
                    outside += 1
                } else {
                    let position = (value - range.lowerBound) / (range.upperBound - range.lowerBound) * Double(buckets)
                    counts[min(Int(position), buckets - 1)] += 1
                }
            }
            self.init(label: label, counts: counts, colour: colour, outside: outside, nonFinite: nonFinite)
        }
    }

    public var title: String
    public var caption: String
    public var xLabel: String
    /// The range the buckets split evenly.
    public var range: ClosedRange<Double>
    public var rows: [Row]
    public var width: Double
    public var height: Double

    public init(title: String, caption: String = "", xLabel: String = "value", range: ClosedRange<Double>,
                rows: [Row], width: Double = 640, height: Double? = nil) {
        precondition(!rows.isEmpty, "A histogram needs at least one row.")
        self.title = title
        self.caption = caption
        self.xLabel = xLabel
        self.range = range
        self.rows = rows
        self.width = width
        self.height = height ?? 130 + 48 * Double(rows.count)
    }
}
