import GradscopeCharts
import GradscopeCore

extension PhaseExperiment {
    /// The activation, the (σ_w², σ_b²) window and grid, the colouring and the trainability map's
    /// networks. Names are the flags' without dashes: `sigma-w2`, `sigma-b2`, `grid`, `colour`,
    /// `trainability`, `train-sigma-b2`, `train-width`, `max-depth`, `seed`.
    public struct Settings: Sendable, Equatable {
        public var activation: Activation
        public var sigmaW2: ClosedRange<Double>
        public var sigmaB2: ClosedRange<Double>
        /// Grid points per axis.
        public var grid: Int
        /// χ₁ or log10 ξ_c.
        public var colour: WideNetworkCharts.PhaseColouring
        public var trainability: Bool
        public var trainSigmaB2: Double
        public var trainWidth: Int
        public var maxDepth: Int
        public var seed: UInt64

        public init(activation: Activation = .tanh, sigmaW2: ClosedRange<Double> = 0.5...4, sigmaB2: ClosedRange<Double> = 0...0.25,
                    grid: Int = 41, colour: WideNetworkCharts.PhaseColouring = .chi1, trainability: Bool = false,
                    trainSigmaB2: Double = 0.05, trainWidth: Int = 100, maxDepth: Int = 200, seed: UInt64 = 1) {
            self.activation = activation
            self.sigmaW2 = sigmaW2
            self.sigmaB2 = sigmaB2
            self.grid = grid
            self.colour = colour
            self.trainability = trainability
            self.trainSigmaB2 = trainSigmaB2
            self.trainWidth = trainWidth
            self.maxDepth = maxDepth
            self.seed = seed
        }

        public static let grids = 2...201
        public static let trainWidths = 2...1000
        public static let maxDepths = 2...1000
        /// columns × Σ depths × width² of the trainability map (the default, 4.0e8, takes 24 s).
        public static let maxTrainabilityWork = 600_000_000

        /// - Throws: ``SettingsError`` for a grid, width or depth out of range, a variance outside
        ///   0…100 (or not finite), an empty range, or a trainability map over the work limit.
        public func validate() throws(SettingsError) {
            try SettingsCheck.value("grid", grid, within: Self.grids)
            for (name, range) in [("sigma-w2", sigmaW2), ("sigma-b2", sigmaB2)] {
                guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
                    throw SettingsError(setting: name, "needs finite A < B, got \(TerminalNumber.short(range.lowerBound)):\(TerminalNumber.short(range.upperBound)).")
                }
                guard range.lowerBound >= 0, range.upperBound <= 100 else {
                    throw SettingsError(setting: name, "must lie within 0:100 (variances are ≥ 0), got \(TerminalNumber.short(range.lowerBound)):\(TerminalNumber.short(range.upperBound)).")
                }
            }
            try SettingsCheck.finiteNonNegative("train-sigma-b2", trainSigmaB2)
            try SettingsCheck.value("train-width", trainWidth, within: Self.trainWidths)
            try SettingsCheck.value("max-depth", maxDepth, within: Self.maxDepths)
            if trainability {
                let work = trainColumns * trainDepths.reduce(0, +) * trainWidth * trainWidth
                guard work <= Self.maxTrainabilityWork else {
                    throw SettingsError(setting: nil, "The trainability map (\(trainColumns) columns × depths up to \(maxDepth) × width \(trainWidth)²) is \(work) multiply-adds; the limit is \(Self.maxTrainabilityWork). Lower the maximum depth or the width of its networks.")
                }
            }
        }

        /// σ_b² = 0, 0.01, … up to max(0.25, the range's top), at most 101 samples.
        public var criticalSamples: [Double] {
            let top = max(0.25, sigmaB2.upperBound)
            let step = max(0.01, top / 100)
            return (0...Int((top / step).rounded(.down))).map { (Double($0) * step * 1e12).rounded() / 1e12 }
        }

        /// Depths of the trainability map: up to 16 rows from 2 to `maxDepth`.
        public var trainDepths: [Int] {
            Array(Set((0..<16).map { 2 + ($0 * (maxDepth - 2)) / 15 })).sorted()
        }

        /// The trainability map's σ_w² columns: at most 25.
        public var trainColumns: Int { min(grid, 25) }

        /// `count` evenly spaced σ_w² of the window.
        func sigmaW2s(_ count: Int) -> [Double] { PhaseExperiment.grid(sigmaW2, count) }
    }

    /// `--format json` and the API's body: every cell, the critical line and the trainability map.
    public struct Document: Codable, Sendable, Equatable {
        public struct Cell: Codable, Sendable, Equatable { public var sigmaW2, sigmaB2, qStar, chi1, xiC: Double }
        public struct CriticalPoint: Codable, Sendable, Equatable { public var sigmaB2, sigmaW2: Double }
        public struct Trainability: Codable, Sendable, Equatable {
            public var sigmaB2: Double
            public var width: Int
            public var sigmaW2s: [Double]
            public var depths: [Int]
            /// log10(‖∂L/∂h_1‖/‖∂L/∂h_L‖), `[depth][σ_w²]`.
            public var log10GradientRatios: [[Double]]
            public var trainable: [[Bool]]
            public var sixXiC: [Double]
            public var criterion: String
        }

        public var activation: String
        public var colour: String
        public var cells: [Cell]
        public var criticalLine: [CriticalPoint]
        public var trainability: Trainability?

        init(_ diagram: PhaseDiagram, _ map: TrainabilityMap?, settings: Settings) {
            activation = settings.activation.name
            colour = settings.colour.rawValue
            cells = diagram.points.joined().map { Cell(sigmaW2: $0.sigmaW2, sigmaB2: $0.sigmaB2, qStar: $0.qStar, chi1: $0.chi1, xiC: $0.xiC) }
            criticalLine = diagram.criticalLine.map { CriticalPoint(sigmaB2: $0.sigmaB2, sigmaW2: $0.sigmaW2) }
            trainability = map.map { m in
                Trainability(sigmaB2: m.sigmaB2, width: m.width, sigmaW2s: m.sigmaW2s, depths: m.depths, log10GradientRatios: m.log10Ratios,
                             trainable: m.depths.indices.map { d in m.sigmaW2s.indices.map { m.isTrainable(depthIndex: d, sigmaW2Index: $0) } },
                             sixXiC: m.correlationDepths.map { 6 * $0 },
                             criterion: "trainable when ‖∂L/∂h_1‖/‖∂L/∂h_L‖ lies within [1e-3, 1e3] at initialisation")
            }
            // The critical σ_w² of each row's σ_b²: the sampled line where it has the value, else solved.
            var critical = Dictionary(diagram.criticalLine.map { ($0.sigmaB2, $0.sigmaW2) }, uniquingKeysWith: { a, _ in a })
            for b2 in diagram.sigmaB2s where critical[b2] == nil {
                if let w2 = MeanField.criticalSigmaW2(activation: settings.activation, sigmaB2: b2) { critical[b2] = w2 }
            }
            rowCritical = critical
        }

        /// The critical σ_w² at each σ_b² of the rows (CSV's last column); not in the JSON.
        var rowCritical: [Double: Double] = [:]

        enum CodingKeys: String, CodingKey { case activation, colour, cells, criticalLine, trainability }
    }
}
