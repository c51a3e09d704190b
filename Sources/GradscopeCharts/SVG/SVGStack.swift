import Foundation

/// A chart that renders itself as a standalone SVG document of a known size.
public protocol SVGChart: Sendable {
    var width: Double { get }
    var height: Double { get }
    func svg() -> String
}

extension LineChart: SVGChart {}
extension Heatmap: SVGChart {}
extension Histogram: SVGChart {}

/// Several charts in one SVG document, each nested as its own `<svg>` element.
public enum SVGStack {
    /// The charts side by side, left to right, top-aligned.
    public static func horizontal(_ charts: [any SVGChart]) -> String {
        let width = charts.reduce(0) { $0 + $1.width }, height = charts.map(\.height).max() ?? 0
        var x = 0.0
        var body = ""
        for chart in charts {
            body += nested(chart.svg(), x: x) + "\n"
            x += chart.width
        }
        let w = NumberText.coordinate(width), h = NumberText.coordinate(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\">\n\(body)</svg>\n"
    }

    /// Moves a standalone SVG document to `x` by adding an `x` attribute to its root element.
    static func nested(_ svg: String, x: Double) -> String {
        guard let root = svg.range(of: "<svg ") else { return svg }
        var text = svg
        text.replaceSubrange(root, with: "<svg x=\"\(NumberText.coordinate(x))\" ")
        if let declaration = text.range(of: "<?xml"), let end = text.range(of: "?>", range: declaration.upperBound..<text.endIndex) {
            text.removeSubrange(declaration.lowerBound..<end.upperBound)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
