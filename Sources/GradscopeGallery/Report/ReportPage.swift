import GradscopeCharts
import Foundation

/// The self-contained HTML report: one page, inline SVG, no network access.
/// Each figure reads like the post: a short explanation, the picture, the numbers.
/// It reads from a 390 px phone up: every chart scales to its column (never above its own
/// width), a figure's charts sit side by side where two fit and stack where they do not, and
/// wide tables scroll inside their box instead of the page.
public enum ReportPage {
    /// The page for `figures`, linking each figure's files under `figures/` (`linksFigureFiles: false`:
    /// no such links, for a page written alone, without the files ``ReportFiles`` lists).
    public static func html(title: String, introduction: String, figures: [Figure], linksFigureFiles: Bool = true) -> String {
        html(title: title, introduction: introduction, sections: [(title: "", figures: figures)], linksFigureFiles: linksFigureFiles)
    }

    /// The page for figures grouped in titled parts (an empty title adds no heading).
    public static func html(title: String, introduction: String, sections: [(title: String, figures: [Figure])],
                            linksFigureFiles: Bool = true) -> String {
        let figures = sections.flatMap(\.figures)
        var page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 1500px; margin: 2em auto; padding: 0 1.5em; color: #222; line-height: 1.5; overflow-wrap: break-word; }
        h1 { font-size: 1.8em; margin-bottom: 0.2em; }
        h1.part { margin-top: 2.5em; color: #8B0000; }
        h2 { font-size: 1.3em; margin-top: 2.2em; border-top: 1px solid #ddd; padding-top: 1em; }
        .system { color: #8B0000; font-weight: 600; margin-right: 0.4em; }
        .chart { display: flex; flex-wrap: wrap; gap: 0.5em; }
        .chart .panel { flex: 1 1 440px; min-width: 0; }
        .chart svg { display: block; width: 100%; height: auto; }
        .table { overflow-x: auto; max-width: 100%; }
        @media (max-width: 600px) { body { padding: 0 0.8em; margin: 1em auto; } h1 { font-size: 1.4em; } }
        .caption { font-style: italic; margin: 0.6em 0 1em; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 0.5em 0; }
        th, td { padding: 0.2em 0.8em; border-bottom: 1px solid #eee; text-align: right; }
        th { border-bottom: 1px solid #999; }
        nav a, .files a { margin-right: 1em; }
        .files { font-size: 0.9em; color: #555; }
        </style>
        </head>
        <body>
        <h1>\(escape(title))</h1>
        <p>\(escape(introduction))</p>
        <nav>\(figures.map { "<a href=\"#\($0.id)\">\(escape($0.system?.rawValue ?? $0.title))</a>" }.joined(separator: " "))</nav>

        """
        for part in sections where !part.figures.isEmpty {
            if !part.title.isEmpty { page += "<h1 class=\"part\">\(escape(part.title))</h1>\n" }
            for figure in part.figures { page += section(figure, linksFigureFiles: linksFigureFiles) }
        }
        page += "</body>\n</html>\n"
        return page
    }

    static func section(_ figure: Figure, linksFigureFiles: Bool = true) -> String {
        let system = figure.system.map { "<span class=\"system\">\($0.rawValue)</span>" } ?? ""
        return """
        <section id="\(figure.id)">
        <h2>\(system)\(escape(figure.title))</h2>
        <p>\(escape(figure.explanation))</p>
        <div class="chart">
        \(figure.charts.map { "<div class=\"panel\" style=\"max-width: \(Int($0.width))px\">\n\($0.svg())</div>" }.joined(separator: "\n"))
        </div>
        <p class="caption">\(escape(figure.caption))</p>
        <div class="table">\(table(figure.table))</div>
        \(linksFigureFiles ? "<p class=\"files\">Data and picture: <a href=\"figures/\(figure.id).svg\">SVG</a><a href=\"figures/\(figure.id).csv\">CSV</a><a href=\"figures/\(figure.id).json\">JSON</a></p>" : "")
        </section>

        """
    }

    static func table(_ table: DataTable) -> String {
        var html = "<table>\n<tr>" + table.headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in table.rows {
            html += "<tr>" + row.map { cell in
                switch cell {
                case .number(let v): "<td>\(escape(NumberText.caption(v)))</td>"
                case .text(let t): "<td>\(escape(t))</td>"
                }
            }.joined() + "</tr>\n"
        }
        return html + "</table>"
    }

    /// Escapes `&`, `<`, `>` and `"` for HTML text and attributes.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
