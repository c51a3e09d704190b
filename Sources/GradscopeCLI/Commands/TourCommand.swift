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
        if let figure, Tour.figureID(named: figure) == nil {
            throw CommandError("Unknown figure '\(figure)'. Choose one of S1…S8 or \(Tour.figureIDs.joined(separator: ", ")).")
        }
        if !noReport { _ = try ReportWriter.inspect(URL(fileURLWithPath: out).standardizedFileURL) }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out).standardizedFileURL
        let style = TerminalStyle.detect()
        let width = max(60, min(style.width, 110))
        let selection = Tour.selection(figure: figure)
        // Each figure is printed as soon as it is computed; on a terminal a bar on stderr names the one in the works.
        let count = selection.reduce(0) { $0 + $1.entries.count }
        let bar = ProgressBar(total: count + 1)
        var computed: [String: Figure] = [:]
        var sections: [(title: String, figures: [Figure])] = []
        for part in selection {
            if selection.count > 1 { print("\n\n" + Tour.banner(part.title, width: width, colour: style.colour)) }
            var figures: [Figure] = []
            for entry in part.entries {
                bar.advance(label: "figure \(computed.count + 1) of \(count): \(entry.id)")
                let figure = entry.make(computed)
                bar.clear()
                computed[entry.id] = figure
                figures.append(figure)
                print(figure.terminalText(width: width, colour: style.colour))
            }
            sections.append((part.title, figures))
        }
        let figures = sections.flatMap(\.figures)
        guard !noReport else { return }
        try ReportWriter.write(ReportFiles.files(title: Tour.title, introduction: Tour.introduction, sections: sections), to: folder)
        let index = folder.appendingPathComponent("index.html").path
        print("Report: \(index) (\(figures.count) figure\(figures.count == 1 ? "" : "s"); SVG, CSV and JSON of each in \(folder.appendingPathComponent("figures").path))")
        if open { openInBrowser(index) }
    }

    func openInBrowser(_ path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", path]
        do { try process.run() } catch { print("Could not open a browser (\(error.localizedDescription)); open \(path) yourself.") }
    }
}
