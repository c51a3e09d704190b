import GradscopeCore

extension AutopsyExperiment {
    /// The autopsy's step log (`gradscope autopsy --log FILE.csv`): one CSV line per step of every run.
    ///
    /// Columns: run, step, loss, grad_norm, param_norm, loss_scale, skipped, params_finite, then
    /// grad_norm_<group> and param_norm_<group> for each parameter group (layer_1, …, or a formula's
    /// parameter), then — when a per-tensor scaling recipe (`current`, `delayed`, `none` with s = 1) is
    /// among the remedies of an MLP — the scale of each cast: scale_w_1, scale_y_0, scale_grad_a_1, …
    /// (empty in a run that has none). Numbers are ``CSVNumber`` text.
    public struct StepLog: Sendable {
        /// The CSV header line (no newline).
        public let header: String
        /// Each scale column with the tensor it reads (``ScaledTrainingRun/tensorNames(depth:)``).
        let scales: [(tensor: String, column: String)]

        init(settings: Settings) {
            let network = settings.autopsyCase.network
            let perTensorRecipe = settings.remedies.contains { if case .scaling(let recipe) = $0 { recipe != .mx } else { false } }
            scales = perTensorRecipe ? (network as? MLPNetwork).map { Self.scaleColumns(depth: $0.depth) } ?? [] : []
            let groups = network.groupNames.map(Self.column)
            header = (["run", "step", "loss", "grad_norm", "param_norm", "loss_scale", "skipped", "params_finite"]
                + groups.map { "grad_norm_\($0)" } + groups.map { "param_norm_\($0)" } + scales.map(\.column)).joined(separator: ",")
        }

        /// The line of one finished step of the run called `run` (``AutopsyExperiment/runName(_:)``).
        public func line(run: String, _ s: TrainingStep) -> String {
            let number: (Double) -> String = CSVNumber.text
            var cells = [run, String(s.step), number(s.loss), number(s.gradientNorm), number(s.parameterNorm),
                         s.lossScale.map(number) ?? "", String(s.skipped), String(s.parametersFinite)]
            cells += s.layerGradientNorms.map(number)
            cells += s.layerParameterNorms.map(number)
            cells += scales.map { column in s.castScales?[column.tensor].map { number(Double($0)) } ?? "" }
            return cells.joined(separator: ",")
        }

        /// "layer 1" → "layer_1"; anything but letters, digits and _ becomes _.
        static func column(_ name: String) -> String {
            String(name.lowercased().map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        }

        /// `W_1` → `scale_w_1`, `y_0` → `scale_y_0`, `∂L/∂a_1` → `scale_grad_a_1`, in the order of the tensors.
        static func scaleColumns(depth: Int) -> [(tensor: String, column: String)] {
            ScaledTrainingRun.tensorNames(depth: depth).map { name in
                let column = name.hasPrefix("W_") ? "scale_w_" + name.dropFirst(2)
                    : name.hasPrefix("y_") ? "scale_y_" + name.dropFirst(2)
                    : "scale_grad_a_" + name.dropFirst("∂L/∂a_".count)
                return (name, column)
            }
        }
    }

    /// The step log of this autopsy's runs.
    public var stepLog: StepLog { StepLog(settings: settings) }
}
