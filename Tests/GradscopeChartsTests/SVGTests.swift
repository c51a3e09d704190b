import GradscopeTestSupport
import Testing
@testable import GradscopeCharts

@Suite struct SVGTests {
    static let all: [(String, String)] = [
        ("seed relu", Examples.seedRelu.svg()), ("overflow log", Examples.overflowLog.svg()),
        ("surface", Examples.surface.svg()), ("gaps", gapChart.svg()),
    ]

    static let gapChart = LineChart(
        title: "Gaps & <escapes>", caption: "\"quoted\" & 'apostrophes'", xLabel: "step", yLabel: "loss",
        series: [Series(name: "run <1>", xs: [0, 1, 2, 3, 4, 5, 6, 7, 8], ys: [0, 1, .infinity, .infinity, 2, 3, .nan, 4, -.infinity],
                        colour: "#FF0000")])

    @Test("Every SVG is well-formed XML with an svg root", arguments: all.map(\.0))
    func wellFormed(name: String) {
        let svg = Self.all.first { $0.0 == name }!.1
        #expect(xmlRootElement(of: svg) == "svg")
        #expect(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("viewBox=\"0 0 "))
    }

    @Test("Rendering twice gives identical bytes")
    func deterministic() {
        #expect(Examples.overflowLog.svg() == Examples.overflowLog.svg())
        #expect(Examples.surface.svg() == Examples.surface.svg())
        #expect(!Examples.overflowLog.svg().contains("-0 ") && !Examples.overflowLog.svg().contains("\"-0\""))
    }

    @Test("NaN and ±Inf break the line and leave visible marks with legend notes")
    func nonFinite() {
        let svg = Self.gapChart.svg()
        let polylines = svg.components(separatedBy: "<polyline").count - 1
        #expect(polylines == 2)                                            // 0…1 and 2…3
        #expect(svg.contains("<circle cx="))                               // the lone finite 4
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 2)  // ▲ at x = 2, ▼ at x = 8
        #expect(svg.contains("<path d=\"M"))                              // ✕ at x = 6
        #expect(svg.contains("▲ overflow to Inf"))
        #expect(svg.contains("▼ overflow to −Inf"))
        #expect(svg.contains("✕ NaN"))
        #expect(svg.contains("&lt;escapes&gt;") && svg.contains("&quot;quoted&quot; &amp; &apos;"))
    }

    @Test("A log axis leaves zeros as gaps and says so")
    func zeroOnLog() {
        let chart = LineChart(title: "", yScale: .log10, series: [
            Series(name: "g", xs: [0, 1, 2, 3, 4], ys: [1, 10, 0, 100, -1000], colour: "#000000"),
        ])
        let svg = chart.svg()
        #expect(svg.contains("○ gap: y = 0 has no log"))
        #expect(svg.contains("y &lt; 0 drawn as |y| (1 points)"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
    }

    @Test("Finite values beyond the domain are clipped, not clamped")
    func clipped() {
        let chart = LineChart(title: "", series: [Series(name: "s", xs: [0, 1, 2], ys: [0, 1e300, 0], colour: "#000000")],
                              yDomain: 0...1)
        let svg = chart.svg()
        #expect(svg.contains("clip-path=\"url(#gs-clip-"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(!svg.contains("▲"))
    }

    @Test("The seed chart uses pink, red and dark red")
    func seedColours() {
        let svg = Examples.seedRelu.svg()
        for colour in Palette.seedDepths { #expect(svg.contains("stroke=\"\(colour)\"")) }
    }

    @Test("Marker lines are drawn with their labels")
    func markers() {
        let svg = Examples.overflowLog.svg()
        #expect(svg.contains(">Float16 max 65504</text>"))
        #expect(svg.contains(">Float32 max 3.4e38</text>"))
    }

    @Test("The heatmap has a colour bar, a NaN note and its trajectory")
    func heatmap() {
        let svg = Examples.surface.svg()
        #expect(svg.contains("<linearGradient id=\"gs-cmap-viridis\""))
        #expect(svg.contains("stop-color=\"#440154\"") && svg.contains("stop-color=\"#FDE725\""))
        #expect(svg.contains(">NaN</text>"))
        #expect(svg.contains(">descent</text>"))
    }
}
