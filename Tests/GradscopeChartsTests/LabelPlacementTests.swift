import Foundation
import Testing
@testable import GradscopeCharts

/// Labels never overlap each other or leave the chart: in the terminal (checked here on the
/// characters) and in SVG (checked here on the estimated boxes; in a real browser by the
/// Gallery's `ChartLabelBrowserTests`).
@Suite struct LabelPlacementTests {
    /// The tour's S6 chart: log10 8^L by depth with every format's limits, two of them 10^38.53 apart by 0.006.
    static let product: LineChart = {
        let depths = (1...400).map(Double.init)
        let limits: [(String, Double)] = [
            ("Float16 max 65504", 65504), ("BFloat16 max 3.39e38", 3.3895e38), ("Float32 max 3.4e38", 3.4028e38),
            ("Float64 max 1.8e308", 1.7976e308), ("Float16 min 5.96e-8", 5.96e-8),
        ]
        return LineChart(title: "log10 |dy_L/dx| of tanh(8·…) at x = 0, by depth", xLabel: "depth L", yLabel: "log10 |dy_L/dx|",
                         series: [Series(name: "log10 |dy_L/dx|", xs: depths, colour: "#8B0000") { $0 * log10(8) }],
                         markers: limits.map { MarkerLine(y: log10($0.1), label: $0.0) })
    }()

    /// A chart whose legend cannot fit on one 80-column line: long names and every gap note.
    static let crowdedLegend: LineChart = {
        let xs = (1...50).map(Double.init)
        let ys = xs.map { x -> Double in x > 45 ? .nan : x > 40 ? .infinity : x < 3 ? 0 : pow(10, x) }
        return LineChart(title: "Float32, 50 layers: per-layer gradients, with a title longer than eighty columns of a terminal",
                         xLabel: "layer l", yLabel: "magnitude", yScale: .log10,
                         series: [Series(name: "|dy_l/dx|", xs: xs, ys: ys, colour: "#8B0000"),
                                  Series(name: "|∂y_L/∂w_l|", xs: xs, ys: ys.map { $0 * 2 }, colour: "#1F77B4"),
                                  Series(name: "|∂y_L/∂b_l|", xs: xs, ys: ys.map { $0 * 3 }, colour: "#FF7F0E")],
                         markers: [MarkerLine(y: 3.4e38, label: "Float32 max 3.4e38")])
    }()

    @Test("Every marker label of the S6 chart is printed whole at 80 columns, plain and coloured", arguments: [TerminalColour.none, .trueColour])
    func terminalMarkers(colour: TerminalColour) {
        let lines = TerminalTests.visibleLines(Self.product.terminal(width: 80, height: 14, colour: colour))
        #expect(lines.count == 14 && lines.allSatisfy { $0.count == 80 })
        let shown = ["Float16 max 65504", "BFloat16 max 3.39e38", "Float32 max 3.4e38", "Float64 max 1.8e308"]
        for label in shown {
            #expect(lines.filter { $0.contains(" \(label) ") }.count == 1, "\(label) in\n\(lines.joined(separator: "\n"))")
        }
    }

    @Test("A legend too long for one line wraps, and the title wraps, at 80 columns")
    func terminalLegend() {
        let lines = TerminalTests.visibleLines(Self.crowdedLegend.terminal(width: 80, height: 16, colour: .none))
        #expect(lines.count == 16 && lines.allSatisfy { $0.count == 80 })
        let text = lines.joined(separator: "\n")
        for entry in ["* |dy_l/dx|", "+ |∂y_L/∂w_l|", "o |∂y_L/∂b_l|", "^ overflow to Inf", "X NaN", "_ gap: y = 0 has no log",
                      "Float32, 50 layers: per-layer gradients, with a title longer than eighty columns", "\nof a terminal",
                      " Float32 max 3.4e38 "] {
            #expect(text.contains(entry), "\(entry) in\n\(text)")
        }
    }

    @Test("SVG marker labels of the S6 chart keep apart and inside the plot")
    func svgMarkers() throws {
        let boxes = try Self.textBoxes(Self.product.svg(), size: 11)
        #expect(boxes.count == 5)
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] { #expect(!a.box.intersects(b.box), "\(a.text) meets \(b.text)") }
            #expect(a.box.x >= 0 && a.box.maxX <= Self.product.width, "\(a.text) leaves the chart")
        }
    }

    @Test("A label is placed at the first free candidate, else moved to the nearest free row")
    func layout() {
        var layout = LabelLayout(bounds: Rect(x: 0, y: 0, width: 200, height: 100))
        let first = layout.place("Float32 max", size: 11, candidates: [.init(x: 190, y: 50, anchor: .end)])
        #expect(first == .init(x: 190, y: 50, anchor: .end))
        let second = layout.place("BFloat16 max", size: 11, candidates: [.init(x: 190, y: 51, anchor: .end), .init(x: 190, y: 70, anchor: .end)])
        #expect(second == .init(x: 190, y: 70, anchor: .end))
        let third = layout.place("Float64 max", size: 11, candidates: [.init(x: 190, y: 50, anchor: .end)])
        #expect(third != first && third != second)
        let boxes = [first, second, third].map { LabelLayout.box("Float64 max", size: 11, at: $0) }
        #expect(!boxes[2].intersects(LabelLayout.box("Float32 max", size: 11, at: first)))
        #expect(!boxes[2].intersects(LabelLayout.box("BFloat16 max", size: 11, at: second)))
    }

    /// The estimated boxes of every `<text>` of font size `size` in `svg`.
    static func textBoxes(_ svg: String, size: Double) throws -> [(text: String, box: Rect)] {
        let pattern = try NSRegularExpression(pattern: #"<text x="([-0-9.]+)" y="([-0-9.]+)"(?: text-anchor="(\w+)")? font-size="11"[^>]*>([^<]*)</text>"#)
        let range = NSRange(svg.startIndex..., in: svg)
        return pattern.matches(in: svg, range: range).map { match in
            func group(_ i: Int) -> String? { Range(match.range(at: i), in: svg).map { String(svg[$0]) } }
            let anchor = LabelLayout.Anchor(rawValue: group(3) ?? "start") ?? .start
            let text = group(4)!
            let spot = LabelLayout.Spot(x: Double(group(1)!)!, y: Double(group(2)!)!, anchor: anchor)
            return (text, LabelLayout.box(text, size: size, at: spot))
        }
    }
}
