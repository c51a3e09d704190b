import Foundation
import GradscopeCharts
import GradscopeGallery

/// The CLI's half of the Gallery door: an experiment's report to `--out` (by extension) and to
/// stdout in `--format text|csv|json`. Every command prints through here, so the JSON and CSV
/// are the server's byte for byte.
enum ReportOutput {
    /// The terminal charts drawn above the summary in text format, and their size.
    struct TerminalCharts {
        var maximumWidth: Int
        var height: Int
    }

    /// Checks before any work that `--out` can be written: .svg, .csv or .json, or also .html when
    /// the command writes a page.
    static func check(out: String?, allowsPage: Bool = false) throws {
        guard let out else { return }
        if allowsPage, isPage(out) { try OutputFile.checkTarget(out) } else { _ = try OutputFile(path: out) }
    }

    /// Writes `--out` first (atomically), then prints in `format`.
    /// - Parameter page: the self-contained HTML page of the report, written when `--out` ends in .html.
    static func emit<Document>(_ report: ExperimentReport<Document>, format: OutputFormat, out: String?,
                               charts: TerminalCharts? = nil, page: ((ExperimentReport<Document>) -> String)? = nil) throws {
        if let out, let page, isPage(out) {
            try OutputFile.replace(out, with: Data(page(report).utf8))
        } else if let out {
            let file = try OutputFile(path: out)
            switch file.kind {
            case .svg: try file.write(report.svg)
            case .csv: try file.write(report.table.csv)
            case .json: try file.write(try report.json())
            }
        }
        switch format {
        case .json: print(try report.json(), terminator: "")
        case .csv: print(report.table.csv, terminator: "")
        case .text:
            if let charts {
                let style = TerminalStyle.detect()
                let width = max(40, min(style.width, charts.maximumWidth))
                for chart in report.figures.flatMap(\.charts) {
                    print(chart.terminal(width: width, height: charts.height, colour: style.colour) + "\n")
                }
            }
            print(report.summary)
        }
    }

    private static func isPage(_ out: String) -> Bool { out.lowercased().hasSuffix(".html") }
}

extension CommandError {
    /// The Gallery's sentence with the setting spelt as a flag: "--depth must be …"; the error of a
    /// formula a setting holds after its flag: "--target: No value for parameter 'w'. Pass it with --param w=VALUE."
    init(_ error: SettingsError) {
        if let formula = error.formula, let setting = error.setting {
            self.init("--\(setting): \(formula.commandLineSentence)")
        } else {
            self.init(error.sentence(.commandLine))
        }
    }
}
