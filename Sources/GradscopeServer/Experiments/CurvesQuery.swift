import GradscopeGallery

/// `/api/curves`, `.svg`, `.csv`: ``PlotExperiment`` — y, dy/dx and ∂y/∂p of a nested formula (typed, or
/// built from the chain controls) at the shown depths. The JSON and CSV are `gradscope plot --depths …
/// --format json|csv` byte for byte; `chart=values|slopes|both` picks the SVG's charts (the page's).
enum CurvesQuery: ExperimentQuery {
    static let path = "curves"
    static let parameterNames = CurvesSettings.parameterNames
    static let parameterPrefixes = CurvesSettings.parameterPrefixes
    static let chartParameterNames = parameterNames.union(["chart"])

    static func experiment(_ query: QueryReader) throws -> PlotExperiment {
        try CurvesSettings.read(query).plot()
    }

    static func chart(_ query: QueryReader) throws -> DocumentResponse {
        let chart = try query.choice("chart", default: ExplorerRenderer.CurvesChart.both)
        let renderer = ExplorerRenderer(settings: try CurvesSettings.read(query))
        return DocumentResponse(kind: .imageSvg, text: try answering { try renderer.curvesSVG(chart, progress: RequestProgress()) },
                                fileName: "gradscope-\(chart.rawValue).svg")
    }
}
