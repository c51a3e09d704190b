@testable import GradscopeCLI
@testable import GradscopeCore
@testable import GradscopeGallery

extension AutopsyCommand {
    /// What `--format` prints for an autopsy already computed from this command's options.
    func render(_ autopsy: AutopsyReport, format: OutputFormat) throws -> String {
        let report = try experiment().report(of: autopsy)
        return switch format {
        case .text: report.summary
        case .csv: report.table.csv
        case .json: try report.json()
        }
    }

    /// What `--out FILE.svg` writes.
    func svg(_ autopsy: AutopsyReport) throws -> String { try experiment().report(of: autopsy).svg }
}
