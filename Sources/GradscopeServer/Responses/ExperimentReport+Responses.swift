import GradscopeGallery

/// The server's half of the Gallery door: a report's JSON, SVG and CSV sent as they are, so
/// `/api/NAME` answers exactly what `gradscope NAME --format json` prints.
extension ExperimentReport {
    /// `report.json()`: the same bytes as the CLI's `--format json`.
    func jsonResponse() throws -> DocumentResponse {
        DocumentResponse(kind: .applicationJson, text: try json())
    }

    func svgResponse(fileName: String) -> DocumentResponse {
        DocumentResponse(kind: .imageSvg, text: svg, fileName: fileName)
    }

    func csvResponse(fileName: String) -> DocumentResponse {
        DocumentResponse(kind: .textCsv, text: table.csv, fileName: fileName)
    }
}
