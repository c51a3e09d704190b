/// A minimal writer of standalone SVG: elements in order, attributes in the order given, text escaped.
struct SVGDocument {
    private var lines: [String] = []
    private var depth = 1
    let width: Double
    let height: Double

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// An attribute value: numbers are written with `NumberText.coordinate`.
    enum Value: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
        case text(String)
        case number(Double)

        init(stringLiteral value: String) { self = .text(value) }
        init(floatLiteral value: Double) { self = .number(value) }
        init(integerLiteral value: Int) { self = .number(Double(value)) }

        var written: String {
            switch self {
            case .text(let text): SVGDocument.escape(text)
            case .number(let number): NumberText.coordinate(number)
            }
        }
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private func tag(_ name: String, _ attributes: [(String, Value)]) -> String {
        ([name] + attributes.map { "\($0.0)=\"\($0.1.written)\"" }).joined(separator: " ")
    }

    private mutating func write(_ line: String) {
        lines.append(String(repeating: "  ", count: depth) + line)
    }

    /// An empty element, or one holding escaped `text`.
    mutating func element(_ name: String, _ attributes: [(String, Value)], text: String? = nil) {
        if let text {
            write("<\(tag(name, attributes))>\(Self.escape(text))</\(name)>")
        } else {
            write("<\(tag(name, attributes))/>")
        }
    }

    /// Writes `name` around whatever `body` writes.
    mutating func group(_ name: String = "g", _ attributes: [(String, Value)] = [], body: (inout SVGDocument) -> Void) {
        write("<\(tag(name, attributes))>")
        depth += 1
        body(&self)
        depth -= 1
        write("</\(name)>")
    }

    /// Text at (x, y); `anchor` is start, middle or end.
    mutating func text(_ string: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
                       colour: Colour = "#222222", extra: [(String, Value)] = []) {
        var attributes: [(String, Value)] = [("x", .number(x)), ("y", .number(y))]
        if anchor != "start" { attributes.append(("text-anchor", .text(anchor))) }
        if size != 12 { attributes.append(("font-size", .number(size))) }
        attributes.append(("fill", .text(colour.hex)))
        element("text", attributes + extra, text: string)
    }

    mutating func line(from a: Point, to b: Point, colour: Colour, width: Double = 1, dash: [Double]? = nil) {
        var attributes: [(String, Value)] = [
            ("x1", .number(a.x)), ("y1", .number(a.y)), ("x2", .number(b.x)), ("y2", .number(b.y)),
            ("stroke", .text(colour.hex)), ("stroke-width", .number(width)),
        ]
        if let dash { attributes.append(("stroke-dasharray", .text(Self.dashText(dash)))) }
        element("line", attributes)
    }

    mutating func rect(_ r: Rect, fill: String, stroke: Colour? = nil) {
        var attributes: [(String, Value)] = [
            ("x", .number(r.x)), ("y", .number(r.y)), ("width", .number(r.width)), ("height", .number(r.height)),
            ("fill", .text(fill)),
        ]
        if let stroke { attributes.append(("stroke", .text(stroke.hex))) }
        element("rect", attributes)
    }

    /// The `points` attribute of a polyline or polygon.
    static func pointList(_ points: [Point]) -> String {
        points.map { NumberText.coordinate($0.x) + "," + NumberText.coordinate($0.y) }.joined(separator: " ")
    }

    static func dashText(_ dash: [Double]) -> String {
        dash.map { NumberText.coordinate($0) }.joined(separator: " ")
    }

    /// The finished document with its root element.
    /// Written on the root element before the standard attributes.
    var rootAttributes: [SVGAttribute] = []

    func rendered() -> String {
        let w = NumberText.coordinate(width), h = NumberText.coordinate(height)
        let extra = rootAttributes.map { "\($0.name)=\"\(Self.escape($0.value))\" " }.joined()
        let root = "<svg \(extra)xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
            + " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">"
        return ([root] + lines + ["</svg>"]).joined(separator: "\n") + "\n"
    }
}
