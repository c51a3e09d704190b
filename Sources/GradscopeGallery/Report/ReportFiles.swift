/// Every file of a report, by path relative to its folder: `index.html` and, per
/// figure, `figures/<id>.svg`, `.csv` and `.json`. The caller writes them.
public enum ReportFiles {
    public static func files(title: String, introduction: String, figures: [Figure]) -> [(path: String, contents: String)] {
        files(title: title, introduction: introduction, sections: [(title: "", figures: figures)])
    }

    /// The same, with the figures grouped in titled parts.
    public static func files(title: String, introduction: String, sections: [(title: String, figures: [Figure])]) -> [(path: String, contents: String)] {
        var files = [("index.html", ReportPage.html(title: title, introduction: introduction, sections: sections))]
        for figure in sections.flatMap(\.figures) {
            files.append(("figures/\(figure.id).svg", figure.svg))
            files.append(("figures/\(figure.id).csv", figure.data.csv))
            files.append(("figures/\(figure.id).json", figure.data.json))
        }
        return files
    }
}
