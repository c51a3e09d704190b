import ArgumentParser
import Foundation
import GradscopeCharts
import GradscopeGallery

/// `gradscope tour` (the default): every figure of the post, in the terminal and as an HTML report.
struct TourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tour",
        abstract: "Every figure of the post and beyond, in the terminal and as a self-contained HTML report (the default command).",
        discussion: """
        Prints each of the post's systems (S1–S8) with its chart, its numbers and a caption, then the \
        autopsy of its chain, recurrent networks (the cliff, training on the adding problem) and wide \
        networks (mean-field theory), then writes index.html (inline SVG, no network needed) and one \
        SVG, CSV and JSON file per figure into the report folder, and names it at the end.

        Examples: gradscope tour --out report
                  gradscope tour --figure S7
        """
    )

    @Option(help: "The report folder: created if absent, filled if empty, replaced only if it is an earlier Gradscope report.")
    var out: String = "gradscope-report"

    @Flag(help: "Open the report in a browser when done (xdg-open).")
    var open = false

    @Flag(name: .customLong("no-report"), help: "Only print to the terminal.")
    var noReport = false

    @Option(help: "Only this figure: S1…S8, or a figure id (s3-minefield, autopsy-tanh-chain, cliff, w2-phase, …).")
    var figure: String?

    func validate() throws {
        if let figure, Self.select(figure, from: Self.figureIDs) == nil {
            throw CommandError("Unknown figure '\(figure)'. Choose one of S1…S8 or \(Self.figureIDs.joined(separator: ", ")).")
        }
        if !noReport { _ = try ReportWriter.inspect(URL(fileURLWithPath: out).standardizedFileURL) }
    }

    /// Every figure of the tour, in order.
    static var figureIDs: [String] { Tour.figureIDs }

    /// The parts and figures to show: all, or only the one `--figure` names (only it is computed).
    func selection() -> [(title: String, entries: [TourSection.Entry])] {
        guard let figure, let id = Self.select(figure, from: Self.figureIDs) else {
            return Tour.sections.map { ($0.title, $0.entries) }
        }
        let section = Tour.sections.first { $0.figureIDs.contains(id) }!
        return [(section.title, section.entries.filter { $0.id == id })]
    }

    /// The figure id named by `S3` or `s3-minefield` (case-insensitive).
    static func select(_ name: String, from ids: [String]) -> String? {
        let key = name.lowercased()
        return ids.first { $0 == key || $0.hasPrefix(key + "-") }
    }

    static let title = "Gradscope: why your neural network gives NaNs"
    static let introduction = "Every figure of the post \"The exploding gradient problem: Why your neural network gives NaNs\", recomputed exactly — one unit per layer, a shared weight of 8, and the gradient as a product of one factor w·φ'(a) per layer — then the autopsy of a training run that turns into NaNs, recurrent networks over long sequences, and wide networks."

    func run() throws {
        let folder = URL(fileURLWithPath: out).standardizedFileURL
        let style = TerminalStyle.detect()
        let width = max(60, min(style.width, 110))
        let selection = selection()
        // Each figure is printed as soon as it is computed; on a terminal a bar on stderr names the one in the works.
        let count = selection.reduce(0) { $0 + $1.entries.count }
        let bar = ProgressBar(total: count + 1)
        var computed: [String: Figure] = [:]
        var sections: [(title: String, figures: [Figure])] = []
        for part in selection {
            if selection.count > 1 { print("\n\n" + banner(part.title, width: width, colour: style.colour)) }
            var figures: [Figure] = []
            for entry in part.entries {
                bar.advance(label: "figure \(computed.count + 1) of \(count): \(entry.id)")
                let figure = entry.make(computed)
                bar.clear()
                computed[entry.id] = figure
                figures.append(figure)
                print(render(figure, width: width, colour: style.colour))
            }
            sections.append((part.title, figures))
        }
        let figures = sections.flatMap(\.figures)
        guard !noReport else { return }
        try ReportWriter.write(ReportFiles.files(title: Self.title, introduction: Self.introduction, sections: sections), to: folder)
        let index = folder.appendingPathComponent("index.html").path
        print("Report: \(index) (\(figures.count) figure\(figures.count == 1 ? "" : "s"); SVG, CSV and JSON of each in \(folder.appendingPathComponent("figures").path))")
        if open { openInBrowser(index) }
    }

    /// A part's heading: its title between rules, bold on a colour terminal.
    func banner(_ title: String, width: Int, colour: TerminalColour) -> String {
        let rule = String(repeating: "━", count: width)
        let text = colour == .none ? title.uppercased() : "\u{1B}[1;31m\(title.uppercased())\u{1B}[0m"
        return "\(rule)\n\(text)\n\(rule)"
    }

    func render(_ figure: Figure, width: Int, colour: TerminalColour) -> String {
        let heading = "\(figure.system.map { "\($0.rawValue)  " } ?? "")\(figure.title)"
        let bold = colour == .none ? heading : "\u{1B}[1m\(heading)\u{1B}[0m"
        var text = "\n\(bold)\n\(String(repeating: "═", count: min(width, heading.count)))\n"
        text += TextWrap.wrap(figure.explanation, width: width) + "\n\n"
        for chart in figure.charts {
            text += chart.terminal(width: width, height: 14, colour: colour) + "\n\n"
        }
        var table = TextTable(figure.table.headers)
        for row in figure.table.rows {
            table.append(row.map { cell in
                switch cell {
                case .number(let v): ChartNumber.short(v)
                case .text(let t): t
                }
            })
        }
        text += table.rendered + "\n\n" + TextWrap.wrap("→ " + figure.caption, width: width) + "\n"
        return text
    }

    func openInBrowser(_ path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", path]
        do { try process.run() } catch { print("Could not open a browser (\(error.localizedDescription)); open \(path) yourself.") }
    }
}
