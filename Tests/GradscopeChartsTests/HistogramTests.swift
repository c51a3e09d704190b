import GradscopeTestSupport
import Testing
@testable import GradscopeCharts

@Suite struct HistogramTests {
    static let layers = Histogram(
        title: "Gradients per layer", caption: "Each row is scaled to its own largest bucket.", xLabel: "gradient",
        range: -1...1,
        rows: (1...3).map { depth in
            let values = (0..<200).map { Double($0) / 100 - 1 } .map { $0 * Double(depth) / 3 } + (depth == 3 ? [.nan, 5] : [])
            return Histogram.Row(label: "layer \(depth)", values: values, range: -1...1, colour: Palette.depthColour(depth: depth, of: 3))
        })

    @Test("Values fall into 30 equal buckets; the top edge goes in the last one")
    func bucketing() {
        let row = Histogram.Row(label: "r", values: [-1, -0.99, 0, 0.999, 1, 2, .nan, .infinity], range: -1...1)
        #expect(row.counts.count == 30)
        #expect(row.counts[0] == 2 && row.counts[15] == 1 && row.counts[29] == 2)
        #expect(row.counts.reduce(0, +) == 5)
        #expect(row.outside == 1 && row.nonFinite == 2)
    }

    @Test("The ridge SVG is well-formed, deterministic, and notes uncounted values")
    func svg() {
        let svg = Self.layers.svg()
        #expect(xmlRootElement(of: svg) == "svg")
        #expect(svg == Self.layers.svg())
        #expect(svg.contains(">layer 3</text>") && svg.contains("1 outside, 1 NaN/Inf"))
        for colour in Palette.seedDepths { #expect(svg.contains("fill=\"\(colour)\"")) }
    }
}
