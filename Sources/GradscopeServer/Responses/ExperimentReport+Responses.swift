import GradscopeGallery

/// The server's half of the Gallery door: a report's JSON, SVG and CSV sent as they are, so
/// `/api/NAME` answers exactly what `gradscope NAME --format json` prints.
extension ExperimentReport {
    /// `report.json()`: the same bytes as the CLI's `--format json`.
    func jsonResponse() throws -> DocumentResponse {
        DocumentResponse(kind: .json, text: try json())
    }

    func svgResponse(fileName: String) -> DocumentResponse {
        DocumentResponse(kind: .svg, text: svg, fileName: fileName)
    }

    func csvResponse(fileName: String) -> DocumentResponse {
        DocumentResponse(kind: .csv, text: table.csv, fileName: fileName)
    }
}

/// Runs an experiment for a request: a ``SettingsError`` becomes a 400 naming the query parameter.
func runExperiment<E: Experiment>(_ make: () throws -> E) throws -> ExperimentReport<E.Document> {
    do {
        return try make().run(progress: nil)
    } catch let error as SettingsError {
        throw APIError(error)
    }
}
