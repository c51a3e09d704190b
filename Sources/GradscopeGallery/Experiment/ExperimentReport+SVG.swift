import GradscopeCharts

extension ExperimentReport {
    /// The figures' charts as one SVG document: a single chart as itself, several side by side.
    public var svg: String {
        let charts = figures.flatMap(\.charts)
        return charts.count == 1 ? charts[0].svg() : SVGStack.horizontal(charts)
    }
}
