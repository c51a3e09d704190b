import Foundation
import GradscopeCharts
import GradscopeCore

/// `gradscope inspect`: where and why the user's own PyTorch run went non-finite, from a trace the
/// probe wrote, or the step-level story from a Trainer's `trainer_state.json` or TensorBoard event files.
///
/// ```swift
/// let report = try InspectExperiment(settings: .init(path: "run.gstrace")).run(progress: nil)
/// print(report.summary)   // what happened, the propagators, module health, headroom, remedies
/// ```
public struct InspectExperiment: Experiment {
    public static let name = "inspect"
    public let settings: Settings

    /// What a file is read as.
    public enum InputKind: String, Sendable, CaseIterable {
        case auto, trace
        case trainerState = "trainer-state"
        case tensorBoard = "tensorboard"
    }

    public struct Settings: Sendable {
        /// A `.gstrace` file, a `trainer_state.json`, an event file or a folder of event files.
        public var path: String
        public var kind: InputKind
        /// A regular expression on leaf-module names choosing the chain of gains (nil: every leaf with a gain).
        public var chain: String?
        /// TensorBoard tags per series (`loss`, `gradNorm`, `learningRate`, `scale`).
        public var tags: [String: String]

        public init(path: String, kind: InputKind = .auto, chain: String? = nil, tags: [String: String] = [:]) {
            self.path = path
            self.kind = kind
            self.chain = chain
            self.tags = tags
        }

        /// The series a `--tag SERIES=TAG` may name, in the spelling the faces use.
        public static let tagSeries = ["loss": "loss", "grad-norm": "gradNorm", "lr": "learningRate", "scale": "scale"]

        /// - Throws: ``SettingsError`` naming the first unusable setting.
        public func validate() throws(SettingsError) {
            if path.isEmpty { throw SettingsError(setting: nil, "Give a trace (.gstrace), a trainer_state.json or TensorBoard event files.") }
            if let chain, (try? NSRegularExpression(pattern: chain)) == nil {
                throw SettingsError(setting: "chain", "is not a valid regular expression: '\(chain)'.")
            }
            if let bad = tags.keys.first(where: { !Self.tagSeries.values.contains($0) }) {
                throw SettingsError(setting: "tag", "names the series '\(bad)'; use loss=TAG, grad-norm=TAG, lr=TAG or scale=TAG.")
            }
        }

        /// The kind `auto` resolves to: a folder or `*tfevents*` is TensorBoard, `.json` a Trainer state, anything else a trace.
        public var resolvedKind: InputKind {
            guard kind == .auto else { return kind }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return .tensorBoard }
            let name = (path as NSString).lastPathComponent
            if name.contains("tfevents") { return .tensorBoard }
            if name.lowercased().hasSuffix(".json") { return .trainerState }
            return .trace
        }
    }

    /// - Throws: ``SettingsError`` naming the first unusable setting.
    public init(settings: Settings) throws(SettingsError) {
        try settings.validate()
        self.settings = settings
    }

    /// - Throws: ``TraceError`` (one line) for a file that cannot be read.
    public func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<InspectDocument> {
        switch settings.resolvedKind {
        case .trainerState: return report(try TrainingLogFile(trainerStateAt: settings.path))
        case .tensorBoard: return report(try TrainingLogFile(tensorBoardAt: settings.path, tags: settings.tags))
        case .trace, .auto:
            progress?.update(stage: "read", done: 0, total: 2)
            let trace = try TraceFile(contentsOf: settings.path)
            progress?.update(stage: "inspect", done: 1, total: 2)
            let filter = settings.chain.flatMap { pattern in
                (try? NSRegularExpression(pattern: pattern)).map { regex in
                    ChainFilter(pattern: pattern) { name in
                        regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
                    }
                }
            }
            let inspection = TraceInspection(trace, chain: filter)
            return report(trace, inspection)
        }
    }

    func report(_ trace: TraceFile, _ inspection: TraceInspection) -> ExperimentReport<InspectDocument> {
        let document = InspectDocument(trace: trace, inspection: inspection)
        var table = DataTable(columns: ["module", "type", "step", "activation_absmax", "gradient_rms", "gain", "nonfinite"])
        for m in inspection.moduleSteps {
            table.append([.text(m.module), .text(m.type), .number(Double(m.step)), m.activationAbsMax.map(DataTable.Cell.number) ?? .text(""),
                          m.gradientRMS.map(DataTable.Cell.number) ?? .text(""), m.gain.map(DataTable.Cell.number) ?? .text(""),
                          .number(Double(m.nonFinite))])
        }
        return ExperimentReport(summary: InspectText.summary(trace, inspection), figures: InspectCharts.figures(trace, inspection),
                                document: document, table: table)
    }

    func report(_ log: TrainingLogFile) -> ExperimentReport<InspectDocument> {
        let inspection = LogInspection(log)
        var table = DataTable(columns: ["step", "loss", "grad_norm", "learning_rate", "scale"])
        func cell(_ v: Double?) -> DataTable.Cell { v.map(DataTable.Cell.number) ?? .text("") }
        for e in log.entries {
            table.append([.number(Double(e.step)), cell(e.loss), cell(e.gradientNorm), cell(e.learningRate), cell(e.scale)])
        }
        return ExperimentReport(summary: InspectText.summary(log, inspection), figures: InspectCharts.figures(log, inspection),
                                document: InspectDocument(log: log, inspection: inspection), table: table)
    }
}
