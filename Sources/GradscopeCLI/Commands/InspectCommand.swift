import ArgumentParser
import Dispatch
import Foundation
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `gradscope inspect TRACE`: where and why the user's own PyTorch run went non-finite.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Name the module, operation and cause of the first Inf/NaN in a PyTorch run's trace (or its Trainer/TensorBoard logs).",
        discussion: """
        TRACE is a .gstrace written by gradscope_probe (python/), a Hugging Face trainer_state.json, or a \
        TensorBoard event file or folder. The trace is opened read-only and never written or checkpointed, \
        so a probe may still be writing it (--follow re-reads it every second; Ctrl-C stops).

        Example: gradscope inspect run.gstrace --format json
        """
    )

    @Argument(help: "The trace (.gstrace), trainer_state.json, or TensorBoard event file or folder.")
    var trace: String

    @Option(help: "Read TRACE as: auto, trace, trainer-state or tensorboard.")
    var kind: String = "auto"

    @Option(help: "A regular expression on leaf-module names: the chain whose gains are multiplied (default: every leaf module with a gain).")
    var chain: String?

    @Option(name: .customLong("tag"), help: "TensorBoard tag of a series, as SERIES=TAG with SERIES loss, grad-norm, lr or scale (repeatable); a bare TAG is the loss.")
    var tags: [String] = []

    @Flag(help: "Re-read the trace every second while it is written and refresh the summary; Ctrl-C stops.")
    var follow = false

    @Option(help: "Write the report to .html (self-contained), the charts to .svg, the table to .csv or the document to .json.")
    var out: String?

    @OptionGroup var output: OutputOptions

    var settings: InspectExperiment.Settings {
        get throws {
            guard let kind = InspectExperiment.InputKind(rawValue: kind) else {
                throw CommandError("--kind must be auto, trace, trainer-state or tensorboard, got '\(self.kind)'.")
            }
            var chosen: [String: String] = [:]
            for tag in tags {
                let parts = tag.split(separator: "=", maxSplits: 1).map(String.init)
                let series = parts.count == 2 ? parts[0] : "loss", name = parts.count == 2 ? parts[1] : tag
                guard let key = InspectExperiment.Settings.tagSeries[series], !name.isEmpty else {
                    throw CommandError("--tag '\(tag)' must be SERIES=TAG with SERIES loss, grad-norm, lr or scale.")
                }
                chosen[key] = name
            }
            return .init(path: trace, kind: kind, chain: chain, tags: chosen)
        }
    }

    func validate() throws {
        do { try settings.validate() } catch let error as SettingsError { throw CommandError(error) }
        try ReportOutput.check(out: out, allowsPage: true)
        if follow, out != nil { throw CommandError("--follow refreshes the terminal; run once more without --follow to write --out.") }
    }

    func run() throws {
        let experiment = try InspectExperiment(settings: try settings)
        if follow { try followTrace(experiment) }
        let report: ExperimentReport<InspectDocument>
        do { report = try experiment.run(progress: nil) } catch let error as TraceError { throw CommandError(error.message) }
        try ReportOutput.emit(report, format: output.format, out: out, charts: chartsSize) { report in
            ReportPage.html(title: "gradscope inspect: \((trace as NSString).lastPathComponent)",
                            introduction: report.summary, figures: report.figures, linksFigureFiles: false)
        }
    }

    private var chartsSize: ReportOutput.TerminalCharts? {
        output.format == .text ? .init(maximumWidth: 120, height: 14) : nil
    }

    /// Re-reads every second and prints the report when it changed; a read that fails (the file not yet
    /// there, a schema not yet committed) is said once on stderr and retried. Ctrl-C exits with 130.
    private func followTrace(_ experiment: InspectExperiment) throws -> Never {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            FileHandle.standardError.write(Data("Stopped following '\(trace)'.\n".utf8))
            Foundation.exit(130)
        }
        source.resume()
        let terminal = isatty(STDOUT_FILENO) == 1
        var last = "", lastError = ""
        while true {
            do {
                let report = try experiment.run(progress: nil)
                let text = switch output.format {
                case .json: try report.json()
                case .csv: report.table.csv
                case .text: report.summary + "\n"
                }
                if text != last {
                    if terminal, output.format == .text { print("\u{1B}[2J\u{1B}[H", terminator: "") }
                    print(text, terminator: "")
                    fflush(nil)
                    last = text
                }
                lastError = ""
            } catch {
                let message = (error as? TraceError)?.message ?? "\(error)"
                if message != lastError { FileHandle.standardError.write(Data("\(message) Retrying every second.\n".utf8)); lastError = message }
            }
            Thread.sleep(forTimeInterval: 1)
        }
    }
}
