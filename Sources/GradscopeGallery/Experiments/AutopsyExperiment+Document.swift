import GradscopeCore

extension AutopsyExperiment {
    /// `--format json` and the API's body: summary, events, the baseline's anomalies, every run with
    /// its steps, and (an MLP) the baseline's step-1 gradients per layer as histograms.
    public struct Document: Encodable, Sendable {
        /// One run: its remedy, its outcome, its anomalies and every step.
        public struct Run: Encodable, Sendable {
            public var remedy: String
            public var finalLoss, maxGradientNorm: Double?
            public var stayedFinite: Bool?
            public var firstNonFiniteStep: Int?
            public var unchangedGroups: Int?
            /// Why the remedy was not run, when it was not.
            public var note: String?
            public var firstInfinity, firstNaN, firstUnderflow: Anomaly?
            public var parametersGoneNonFinite: [NonFiniteParameter]
            public var steps: [TrainingStep]
            /// A `scale=…` run: what its casts did (absent otherwise).
            public var scaling: Scaling?
        }

        /// What one recipe's casts did, per kind of tensor, with its events.
        public struct Scaling: Encodable, Sendable {
            public struct Kind: Encodable, Sendable {
                public var values, overflowed, flushedToZero, subnormal, nonFinite: Int
                public var overflowedFraction, flushedToZeroFraction, subnormalFraction: Double

                init(_ c: CastCounts) {
                    values = c.values
                    overflowed = c.overflowed
                    flushedToZero = c.flushedToZero
                    subnormal = c.subnormal
                    nonFinite = c.nonFinite
                    overflowedFraction = c.overflowedFraction
                    flushedToZeroFraction = c.flushedToZeroFraction
                    subnormalFraction = c.subnormalFraction
                }
            }

            public var recipe: String
            public var weights, activations, gradients: Kind
            public var finalLoss: Double
            public var events: [String]

            init(_ run: ScaledTrainingRun) {
                recipe = run.recipe.name
                weights = Kind(run.counts[.weights] ?? CastCounts())
                activations = Kind(run.counts[.activations] ?? CastCounts())
                gradients = Kind(run.counts[.gradients] ?? CastCounts())
                finalLoss = run.finalLoss
                events = run.events
            }
        }

        public var summary: String
        public var precision: Precision
        public var events: [AutopsyEvent]
        public var firstInfinity, firstNaN, firstUnderflow: Anomaly?
        public var groups: [String]
        public var runs: [Run]
        /// An MLP's step-1 gradients of the baseline, per layer (absent for a chain or a formula).
        public var histograms: LayersExperiment.Histograms?

        init(_ report: AutopsyReport, histograms: LayersExperiment.Histograms?) {
            summary = report.summary
            precision = report.precision
            events = report.events
            firstInfinity = report.baseline.firstInfinity
            firstNaN = report.baseline.firstNaN
            firstUnderflow = report.baseline.firstUnderflow
            groups = report.baseline.run?.initialParameters.names ?? []
            runs = report.runs.map { r in
                Run(remedy: r.remedy.description, finalLoss: r.run?.finalLoss, maxGradientNorm: r.run?.maxGradientNorm,
                    stayedFinite: r.run?.stayedFinite, firstNonFiniteStep: r.run?.firstNonFiniteStep,
                    unchangedGroups: r.run?.unchangedGroups.count, note: r.note,
                    firstInfinity: r.firstInfinity, firstNaN: r.firstNaN, firstUnderflow: r.firstUnderflow,
                    parametersGoneNonFinite: r.parametersGoneNonFinite, steps: r.run?.steps ?? [], scaling: r.scaling.map(Scaling.init))
            }
            self.histograms = histograms
        }
    }
}
