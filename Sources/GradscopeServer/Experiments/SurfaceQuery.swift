import GradscopeGallery

/// `/api/surface`, `.svg`, `.csv`: ``SurfaceExperiment`` — Pascanu's cliff, the (w, b) loss surface of
/// x_t = w·φ(x_{t−1}) + b, its wall, and from `start=w,b` gradient descent with and without norm clipping
/// (the same report as `gradscope surface`, read with the explorer's defaults by ``SurfaceSettings``).
///
/// `chart=loss|gradient` picks the SVG's heatmap. The SVG's root carries the plot area
/// (`data-plot-left/top/width/height`, SVG pixels) and the data it spans (`data-w-from/to`,
/// `data-b-from/to`), so the page maps a click to (w, b). A client that leaves stops the grid at its
/// next chunk of rows.
enum SurfaceQuery: ExperimentQuery {
    static let parameterNames = SurfaceSettings.parameterNames
    static let chartParameterNames = parameterNames.union(["chart"])

    static func experiment(_ query: QueryReader) throws -> SurfaceExperiment {
        try SurfaceExperiment(settings: SurfaceSettings.read(query))
    }

    static func chart(_ query: QueryReader) throws -> DocumentResponse {
        let map = try query.choice("chart", default: SurfaceCharts.Map.loss)
        let report = try report(query)
        return DocumentResponse(kind: .imageSvg, text: SurfaceCharts.annotatedSVG(report.figures[0], map: map),
                                fileName: "gradscope-surface-\(map.rawValue).svg")
    }
}
