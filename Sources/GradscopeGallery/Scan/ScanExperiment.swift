import Foundation
import GradscopeCharts
import GradscopeCore

/// `gradscope scan`: every tensor of a checkpoint — its non-finite values, its headroom in float16,
/// bfloat16 and the FP8 formats, and (with `spectral`) the gain of each weight matrix.
///
/// ```swift
/// let report = try ScanExperiment(settings: .init(paths: ["model.safetensors"])).run(progress: nil)
/// print(report.summary)   // non-finite tensors first, then overflow, flushing, the gain chain
/// ```
public struct ScanExperiment: Experiment {
    public static let name = "scan"
    public let settings: Settings

    /// The scan's settings: what to read and what to compute beyond the statistics.
    public struct Settings: Sendable {
        /// `.safetensors` files, index `.json` files, folders, `.npy` / `.npz` files.
        public var paths: [String]
        /// Also compute λ₁, the Frobenius norm and the fan-in-scaled variance of every 2-D tensor.
        public var spectral: Bool
        /// Only tensors whose name matches this shell glob (`*` and `?`, `fnmatch`), if set.
        public var filter: String?
        /// The tensors of the gain chain (a regular expression on names), if not the default.
        public var chain: String?
        /// The recurrent activation for Pascanu's condition: tanh (γ = 1) or sigmoid (γ = 1/4).
        public var activation: String
        /// Threads to scan with.
        public var threads: Int

        public init(paths: [String], spectral: Bool = false, filter: String? = nil, chain: String? = nil,
                    activation: String = "tanh", threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
            self.paths = paths
            self.spectral = spectral
            self.filter = filter
            self.chain = chain
            self.activation = activation
            self.threads = threads
        }

        /// - Throws: ``SettingsError`` naming the first unusable setting.
        public func validate() throws(SettingsError) {
            if paths.isEmpty { throw SettingsError(setting: nil, "Pass at least one checkpoint: a .safetensors, .npy or .npz file, an index .json or a folder.") }
            if !["tanh", "sigmoid"].contains(activation) {
                throw SettingsError(setting: "activation", "must be tanh or sigmoid (the recurrent activation of Pascanu's condition), got '\(activation)'.")
            }
            try SettingsCheck.value("threads", threads, within: 1...256)
            if let chain, (try? NSRegularExpression(pattern: chain)) == nil {
                throw SettingsError(setting: "chain", "is not a valid regular expression: '\(chain)'.")
            }
        }

        /// γ, the bound of the activation's derivative: 1 for tanh, 1/4 for sigmoid.
        var gamma: Double { activation == "sigmoid" ? 0.25 : 1 }
    }

    /// - Throws: ``SettingsError`` naming the first unusable setting.
    public init(settings: Settings) throws(SettingsError) {
        try settings.validate()
        self.settings = settings
    }

    public func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<Document> {
        var checkpoint = try Checkpoint(paths: settings.paths)
        if let filter = settings.filter {
            checkpoint.tensors = checkpoint.tensors.filter { fnmatch(filter, $0.name, 0) == 0 }
        }
        let scanner = CheckpointScanner(threads: settings.threads)
        var onProgress: (@Sendable (UInt64, UInt64) -> Void)?
        var cancelled: (@Sendable () -> Bool)?
        if let progress {
            onProgress = { done, total in progress.update(stage: "scan", done: Int(done >> 20), total: Int(total >> 20)) }
            cancelled = { progress.isCancelled }
        }
        let statistics = try scanner.statistics(of: checkpoint, progress: onProgress, isCancelled: cancelled)
        var spectra: [WeightSpectrum?] = Array(repeating: nil, count: checkpoint.tensors.count)
        if settings.spectral {
            for (i, tensor) in checkpoint.tensors.enumerated() where tensor.shape.count == 2 && tensor.dtype.isScanned {
                if progress?.isCancelled == true { throw CancellationError() }
                progress?.update(stage: "spectral", done: i, total: checkpoint.tensors.count)
                spectra[i] = try WeightSpectrum(of: tensor, in: checkpoint.files[tensor.file]!, statistics: statistics[i], gamma: settings.gamma)
            }
        }
        let document = Document(checkpoint: checkpoint, statistics: statistics, spectra: spectra, settings: settings)
        return ExperimentReport(summary: document.summary, figures: ScanCharts.figures(document), document: document, table: document.table)
    }
}
