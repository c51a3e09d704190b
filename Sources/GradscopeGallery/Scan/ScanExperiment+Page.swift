extension ScanExperiment {
    /// The HTML report `scan --out report.html` writes: one self-contained page (inline SVG, tables,
    /// the findings as its introduction) whose only links are its own `#figure` anchors — no
    /// per-figure files beside it, so nothing it links can be missing.
    public static func htmlPage(_ report: ExperimentReport<Document>, paths: [String]) -> String {
        ReportPage.html(title: "gradscope scan: \(paths.joined(separator: ", "))",
                        introduction: report.document.findings.joined(separator: "\n"),
                        figures: report.figures, linksFigureFiles: false)
    }
}
