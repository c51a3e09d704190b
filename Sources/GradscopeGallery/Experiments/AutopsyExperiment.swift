import GradscopeCharts
import GradscopeCore

/// `gradscope autopsy`: trains a network, names the first operation that produced an Inf and the
/// first that produced a NaN (step, pass, layer, operands, cause), tells what followed, and
/// replays the run with each remedy (see ``Autopsy``).
///
/// The baseline and the remedies train on both cores; the report, and the steps handed to
/// `onStep`, are those of runs made one after another. An MLP's document also holds the
/// baseline's step-1 gradients per layer as histograms (bucket rule: ``LayersExperiment/Histograms``).
///
/// ```swift
/// let settings = AutopsyExperiment.Settings(autopsyCase: autopsyCase, remedies: [.clipNorm(1)])
/// let report = try AutopsyExperiment(settings: settings).run(progress: nil)
/// report.document.firstNaN?.operation
/// ```
public struct AutopsyExperiment: Experiment {
    public static let name = "autopsy"
    public let settings: Settings

    /// - Throws: ``SettingsError`` naming the first unusable setting.
    public init(settings: Settings) throws(SettingsError) {
        try settings.validate()
        self.settings = settings
    }

    public func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<Document> {
        try run(progress: progress, onStep: nil)
    }

    /// - Parameter onStep: told every finished step of every run, in run order, with the run's name
    ///   (`baseline`, `clip-norm=1`, …); a step that ends after a cancellation is not told.
    /// - Throws: `CancellationError` once `progress` is cancelled (checked every step).
    public func run(progress: (any ExperimentProgress)?, onStep: ((String, TrainingStep) -> Void)?) throws -> ExperimentReport<Document> {
        let total = settings.autopsyCase.configuration.steps * (1 + settings.remedies.count)
        var done = 0
        let autopsy = Autopsy.perform(settings.autopsyCase, remedies: settings.remedies) { remedy, step in
            if progress?.isCancelled == true { return .stop }
            onStep?(Self.runName(remedy), step)
            done += 1
            progress?.update(stage: "\(Self.runName(remedy)) step \(step.step)", done: done, total: total)
            return .proceed
        }
        if progress?.isCancelled == true { throw CancellationError() }
        return report(of: autopsy)
    }

    /// The summary, figures, document and table of a finished autopsy of ``settings``' case.
    func report(of autopsy: AutopsyReport) -> ExperimentReport<Document> {
        let document = Document(autopsy, histograms: histograms(autopsy))
        let table = Self.table(autopsy, histograms: document.histograms)
        let figure = Figure(id: "autopsy", title: "Autopsy: \(autopsy.summary)",
                            explanation: "The loss and the global gradient norm of every run, step by step, and the baseline's gradients per layer at step 1.",
                            charts: charts(autopsy, histograms: document.histograms), table: table,
                            caption: autopsy.events.first?.text ?? "", data: table)
        return ExperimentReport(summary: Self.summary(autopsy), figures: [figure], document: document, table: table)
    }

    /// `baseline` for ``Remedy/none``, else the remedy as written (commas as semicolons, for CSV).
    public static func runName(_ remedy: Remedy) -> String {
        remedy == .none ? "baseline" : remedy.description.replacingOccurrences(of: ",", with: ";")
    }

    /// An MLP's step-1 gradients per layer, every layer drawn.
    private func histograms(_ autopsy: AutopsyReport) -> LayersExperiment.Histograms? {
        guard settings.autopsyCase.network is MLPNetwork, let first = autopsy.baseline.run?.firstGradients else { return nil }
        return LayersExperiment.Histograms(first.values, rows: first.values.count)
    }

    /// The loss and gradient-norm charts, then the per-layer gradients of step 1.
    private func charts(_ autopsy: AutopsyReport, histograms: LayersExperiment.Histograms?) -> [any SVGChart & TerminalChart] {
        var charts: [any SVGChart & TerminalChart] = [AutopsyCharts.loss(autopsy), AutopsyCharts.gradientNorm(autopsy)]
        if let histograms {
            charts.append(histograms.chart(title: "Gradients per layer at step 1 (baseline)", xLabel: "gradient"))
        } else if settings.autopsyCase.network is ChainNetwork, let run = autopsy.baseline.run, let first = run.firstGradients {
            charts.append(AutopsyCharts.layerGradientNorms(run, step: 1, groupNames: first.names, precision: autopsy.precision,
                                                           title: "Per-layer gradient norms at step 1 (baseline)"))
        }
        return charts
    }
}

extension AutopsyExperiment {
    /// The run to examine and the remedies to replay. The faces build the case from their flags
    /// (`--model`, `--activation`, `--steps`, `--lr`, `--precision`, …).
    public struct Settings: Sendable {
        public var autopsyCase: AutopsyCase
        /// Replayed after the baseline, in this order (``Remedy/none`` is the baseline itself).
        public var remedies: [Remedy]

        public init(autopsyCase: AutopsyCase, remedies: [Remedy]) {
            self.autopsyCase = autopsyCase
            self.remedies = remedies
        }

        /// - Throws: ``SettingsError`` for steps outside 1…1000000, a learning rate that is not
        ///   positive, or a scaling recipe on a run it does not fit.
        public func validate() throws(SettingsError) {
            let steps = autopsyCase.configuration.steps, rate = autopsyCase.configuration.learningRate
            try SettingsCheck.value("steps", steps, within: 1...1_000_000)
            try SettingsCheck.positive("lr", rate)
            if remedies.contains(where: { if case .scaling = $0 { true } else { false } }) {
                guard autopsyCase.network is MLPNetwork else {
                    throw SettingsError(setting: "remedies", "scale=…: scaling recipes model matrix products; use an MLP (model mlp).")
                }
                guard autopsyCase.precision.narrowFormat != nil else {
                    throw SettingsError(setting: "remedies", "scale=…: scaling recipes cast to a narrow format; use precision float8_e4m3fn (or another narrow one).")
                }
            }
            try checkWorkLimits()
        }
    }
}
