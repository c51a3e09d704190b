import GradscopeCharts
import GradscopeCore

extension TrainExperiment {
    /// The JSON of a run: summary, ending, baseline, anomalies, conditions, every step, and what
    /// the FP8 casts did (`scaling`, only for a scaled run).
    public struct Document: Encodable, Sendable {
        public var summary: String
        public var ending: RecurrentTrainingRun.Ending
        public var baselineLoss: Double
        public var finalTestLoss: Double?
        public var firstInfinity: RecurrentAnomaly?
        public var firstNaN: RecurrentAnomaly?
        public var initialConditions: PascanuConditions?
        public var finalConditions: PascanuConditions?
        public var seconds: Double
        public var threads: Int
        public var steps: [RecurrentTrainingStep]
        public var scaling: ScalingDocument?
    }

    /// What the casts of a scaled run did, per tensor kind (`weights`, `activations`, `gradients`).
    public struct ScalingDocument: Encodable, Sendable {
        /// `scale=delayed(history 16, margin 1)`, as the autopsy names it.
        public var recipe: String
        public var forwardFormat: String
        public var backwardFormat: String
        public var counts: [String: CastCounts]
        /// Overflowed, flushed-to-zero and subnormal fractions of the values cast, per kind.
        public var fractions: [String: [String: Double]]
        public var finalLoss: Double
        public var events: [String]
    }

    /// The names of the per-tensor casts in the order the log and CSV columns list them.
    public static func castTensorNames(model: Model) -> [String] {
        switch model {
        case .elman: ["W", "U", "V", "x", "h", "∂L/∂y", "∂L/∂a"]
        case .lstm: ["Wh", "Wx", "V", "x", "h", "∂L/∂y", "∂L/∂z"]
        case .gru: ["Wh", "Wx", "V", "x", "h", "∂L/∂y", "∂L/∂c", "∂L/∂a"]
        }
    }

    /// `W` → `scale_w`, `∂L/∂a` → `scale_grad_a`.
    public static func scaleColumn(_ tensor: String) -> String {
        tensor.hasPrefix("∂L/∂") ? "scale_grad_" + tensor.dropFirst(4) : "scale_" + tensor.lowercased()
    }

    /// The CSV (and `--log`) columns: step, loss, grad_norm, clipped, test_loss, test_accuracy,
    /// dl_dh_0 … dl_dh_T, then for a scaled run scale_<tensor> for each cast tensor.
    public var tableColumns: [String] {
        ["step", "loss", "grad_norm", "clipped", "test_loss", "test_accuracy"] + (0...settings.length).map { "dl_dh_\($0)" }
            + (settings.scaling == nil ? [] : Self.castTensorNames(model: settings.model).map(Self.scaleColumn))
    }

    /// One step's row of ``tableColumns`` (empty text where a value was not computed).
    public func tableRow(_ s: RecurrentTrainingStep) -> [DataTable.Cell] {
        var row: [DataTable.Cell] = [.text(String(s.step)), .number(s.loss), .number(s.gradientNorm), .text(String(s.clipped)),
                                     s.testLoss.map { .number($0) } ?? .text(""), s.testAccuracy.map { .number($0) } ?? .text("")]
        row += s.stateGradientNorms.map { .number($0) }
        if settings.scaling != nil {
            row += Self.castTensorNames(model: settings.model).map { name in s.castScales?[name].map { .number(Double($0)) } ?? .text("") }
        }
        return row
    }

    /// A row as CSV text, numbers as ``CSVNumber`` spells them (the `--log` file's lines).
    public static func csvLine(_ row: [DataTable.Cell]) -> String {
        row.map { cell in
            switch cell {
            case .number(let v): CSVNumber.text(v)
            case .text(let t): t
            }
        }.joined(separator: ",")
    }

    func report(network: String, run: RecurrentTrainingRun, threads: Int) -> ExperimentReport<Document> {
        let summary = "\(network), init \(settings.initialization.name); \(settings.sequenceTask.summary); \(settingsText)"
        var table = DataTable(columns: tableColumns)
        for s in run.steps { table.append(tableRow(s)) }
        let scaling = run.casts.map { scalingDocument($0, finalLoss: run.steps.last?.loss ?? .nan) }
        let document = Document(summary: summary, ending: run.ending, baselineLoss: run.baselineLoss, finalTestLoss: run.finalTestLoss,
                                firstInfinity: run.firstInfinity, firstNaN: run.firstNaN, initialConditions: run.initialConditions,
                                finalConditions: run.finalConditions, seconds: run.seconds, threads: threads, steps: run.steps, scaling: scaling)
        var charts: [any SVGChart & TerminalChart] = [RecurrentCharts.loss([("run", run)], title: "Loss: \(summary)"),
                                                      RecurrentCharts.gradientNorm([("run", run)])]
        if let heatmap = RecurrentCharts.stateGradientHeatmap(run, title: "‖∂L/∂h_t‖ over training") { charts.append(heatmap) }
        let figure = Figure(id: "train", title: "Training: \(summary)",
                            explanation: "The loss against the task's trivial baseline, the gradient norm per step, and ‖∂L/∂h_t‖ through time.",
                            charts: charts, table: table, caption: summary, data: table)
        return ExperimentReport(summary: text(summary: summary, run: run, threads: threads, scaling: scaling), figures: [figure],
                                document: document, table: table)
    }

    /// "SGD lr 0.01, clip 1, batch 32, seed 0, Float32" (and the precision's or the recipe's details).
    var settingsText: String {
        let update = "\(settings.optimizer == .adam ? "Adam" : "SGD") lr \(TerminalNumber.short(settings.learningRate)), "
            + "\(settings.clip.map { "clip \(TerminalNumber.short($0))" } ?? "no clipping"), batch \(settings.batch), seed \(settings.seed)"
        return "\(update), \(precisionText)"
    }

    /// "Float16 (mixed: Float32 master weights, dynamic loss scale)", "FP8 float8_e4m3fn/float8_e5m2, scale=current", or the format's name.
    var precisionText: String {
        if let scaling = settings.scaling {
            let formats = scaling.recurrentScaling
            let names = [formats.forwardFormat, formats.backwardFormat].compactMap { $0?.name }
            return "FP8 training (\(names[0]) weights and activations, \(names[1]) gradients; Float32 accumulation and master weights), \(scaling.recipe)"
        }
        guard settings.isMixedPrecision else { return settings.precision.displayName }
        return "\(settings.precision.displayName) (mixed: Float32 master weights, \(settings.gradScaler == nil ? "no loss scaling" : "dynamic loss scale"))"
    }

    private func scalingDocument(_ casts: RecurrentCastSummary, finalLoss: Double) -> ScalingDocument {
        var counts: [String: CastCounts] = [:], fractions: [String: [String: Double]] = [:]
        for kind in TensorKind.allCases {
            let c = casts.counts[kind] ?? CastCounts()
            counts[kind.rawValue] = c
            fractions[kind.rawValue] = ["overflowed": c.overflowedFraction, "flushedToZero": c.flushedToZeroFraction, "subnormal": c.subnormalFraction]
        }
        return ScalingDocument(recipe: casts.recipe.description, forwardFormat: casts.forwardFormat?.name ?? "float32",
                               backwardFormat: casts.backwardFormat?.name ?? "float32", counts: counts, fractions: fractions,
                               finalLoss: finalLoss, events: casts.events)
    }
}
