import ArgumentParser
import Foundation
import GradscopeCore
import GradscopeGallery

/// `gradscope scan`: every tensor's health, its number-format headroom and its gain.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan a checkpoint: NaN/Inf, overflow and flushing in float16, bfloat16 and FP8, and each weight's gain.",
        discussion: """
        PATH is a .safetensors file, a model.safetensors.index.json (its shards are read), a folder holding \
        either, or a NumPy .npy / .npz file. Counts are exact; sums are float64. With --spectral, λ₁ of each \
        2-D weight (PyTorch's (out, in) layout: fan-in = columns) to 1e-6 relative with its a-posteriori bound.

        Example: gradscope scan model.safetensors --spectral --filter 'layers.*'
        """
    )

    @Argument(help: "Checkpoint files or folders.")
    var paths: [String] = []

    @Flag(help: "Also compute λ₁ (largest singular value), the Frobenius norm and fan_in·Var(W) of each 2-D tensor.")
    var spectral = false

    @Option(help: "Only tensors whose name matches this glob (e.g. 'layers.*.weight').")
    var filter: String?

    @Option(help: "A regular expression choosing the tensors of the gain chain (default: the blocks' 2-D weights).")
    var chain: String?

    @Option(help: "Recurrent activation for Pascanu's condition: tanh (γ = 1) or sigmoid (γ = 1/4).")
    var activation = "tanh"

    @Option(help: "Threads to scan with (default: the CPUs this process may use).")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Write a self-contained HTML report (.html), the charts (.svg), the table (.csv) or the document (.json) to this file.")
    var out: String?

    @OptionGroup var output: OutputOptions

    var settings: ScanExperiment.Settings {
        .init(paths: paths, spectral: spectral, filter: filter, chain: chain, activation: activation, threads: threads)
    }

    func validate() throws {
        do { try settings.validate() } catch { throw CommandError(error) }
        try ReportOutput.check(out: out, allowsPage: true)
    }

    func run() throws {
        let bar = ScanProgress()
        defer { bar.clear() }
        let report: ExperimentReport<ScanExperiment.Document>
        do {
            report = try ScanExperiment(settings: settings).run(progress: bar)
        } catch let error as CheckpointError {
            throw CommandError(error.description)
        }
        bar.clear()
        try ReportOutput.emit(report, format: output.format, out: out, charts: output.format == .text ? .init(maximumWidth: 120, height: 14) : nil,
                              page: { ScanExperiment.htmlPage($0, paths: paths) })
    }
}

/// The scan's progress bar: drawn on a terminal once a scan has run for a second, silent when piped.
final class ScanProgress: ExperimentProgress, @unchecked Sendable {
    private let start = Date()
    private var bar: ProgressBar?
    private var drawn = -1
    private let lock = NSLock()

    func update(stage: String, done: Int, total: Int) {
        guard Date().timeIntervalSince(start) > 1 else { return }
        lock.lock()
        defer { lock.unlock() }
        if bar == nil { bar = ProgressBar(total: 100) }
        let percent = total > 0 ? min(100, done * 100 / total) : 100
        while drawn < percent { drawn += 1; bar?.advance(label: "\(stage) \(done)/\(total)") }
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        bar?.clear()
    }
}
