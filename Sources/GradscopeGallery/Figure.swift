import GradscopeCharts

/// One figure of the tour or the report: an explanation, the picture(s), the
/// numbers behind them, and a caption whose numbers come from those numbers.
public struct Figure: Sendable {
    /// A stable file-name stem: `s1-relu`, `s6-product`, …
    public var id: String
    /// The seed system it reproduces, if any.
    public var system: SeedSystem?
    public var title: String
    /// A short explanation in the post's voice: what to look at and why.
    public var explanation: String
    public var charts: [any SVGChart & TerminalChart]
    /// The key numbers, as a small table for people.
    public var table: DataTable
    /// One or two sentences stating what the numbers show.
    public var caption: String
    /// All the data behind the charts (written as the figure's CSV and JSON).
    public var data: DataTable

    public init(id: String, system: SeedSystem? = nil, title: String, explanation: String,
                charts: [any SVGChart & TerminalChart], table: DataTable, caption: String, data: DataTable) {
        self.id = id
        self.system = system
        self.title = title
        self.explanation = explanation
        self.charts = charts
        self.table = table
        self.caption = caption
        self.data = data
    }

    /// The charts side by side in one SVG document.
    public var svg: String { SVGStack.horizontal(charts) }
}

/// A chart that can also draw itself with characters in a terminal.
public protocol TerminalChart: Sendable {
    func terminal(width: Int, height: Int, colour: TerminalColour) -> String
}

extension LineChart: TerminalChart {}
extension Heatmap: TerminalChart {}
