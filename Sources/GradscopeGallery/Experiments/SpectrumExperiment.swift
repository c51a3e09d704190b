import Foundation
import GradscopeCharts
import GradscopeCore

/// `gradscope spectrum` and its Gallery value: the singular values of a random network's
/// input–output Jacobian J = D_L W_L ⋯ D_1 W_1 at the critical point, once with Gaussian and once
/// with orthogonal weights per activation (Pennington, Schoenholz & Ganguli 2017). The mean of σ²
/// is Π χ = 1 in theory for all; only orthogonal tanh concentrates them near 1.
///
/// Each spectrum asks `progress.isCancelled` before every layer; the run throws
/// `CancellationError` once it is true.
///
/// ```swift
/// let report = try SpectrumExperiment(settings: .init(width: 8, depth: 4)).run(progress: nil)
/// report.document.count   // 4: tanh and relu, Gaussian and orthogonal
/// ```
public struct SpectrumExperiment: Experiment {
    public static let name = "spectrum"
    public let settings: Settings

    /// - Throws: ``SettingsError`` naming the first unusable setting, or an activation without a critical point.
    public init(settings: Settings) throws(SettingsError) {
        try settings.validate()
        self.settings = settings
    }

    public func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<Document> {
        let spectra = try compute(progress: progress)
        let document = spectra.map { Self.entry($0, settings: settings) }
        var table = DataTable(columns: ["activation", "weights", "sigma_w2", "sigma_b2", "index", "singular_value"])
        for entry in document {
            for (i, value) in entry.singularValues.enumerated() {
                table.append([.text(entry.activation), .text(entry.weights), .number(entry.sigmaW2), .number(entry.sigmaB2), .text(String(i + 1)), .number(value)])
            }
        }
        let chart = WideNetworkCharts.spectra(spectra)
        let caption = "Singular values of J at width \(settings.width), depth \(settings.depth), seed \(settings.seed); mean σ² = tr(JJᵀ)/N, 1 in theory at the critical point."
        let figure = Figure(id: "spectrum", title: "Dynamical isometry", explanation: "Orthogonal weights keep tanh's singular values near 1; Gaussian weights and relu spread them.",
                            charts: [chart], table: table, caption: caption, data: table)
        return ExperimentReport(summary: Self.summary(document, settings: settings), figures: [figure], document: document, table: table)
    }

    /// The spectra, Gaussian then orthogonal per activation; throws `CancellationError` once `progress` is cancelled.
    public func compute(progress: (any ExperimentProgress)?) throws -> [JacobianSpectrum] {
        let cases = settings.activations.flatMap { activation -> [(Activation, Initializer, Double)] in
            let (w2, b2) = settings.criticalPoint(activation)!
            return [(activation, .meanField(sigmaW2: w2, width: settings.width), b2), (activation, .orthogonal(gain: w2.squareRoot()), b2)]
        }
        let cancelled: @Sendable () -> Bool = { progress?.isCancelled ?? false }
        var spectra: [JacobianSpectrum] = []
        for (index, (activation, initialization, sigmaB2)) in cases.enumerated() {
            progress?.update(stage: "spectrum \(activation.name)", done: index, total: cases.count)
            spectra.append(JacobianSpectrum(activation: activation, initialization: initialization, sigmaB2: sigmaB2, width: settings.width,
                                            depth: settings.depth, seed: settings.seed, isCancelled: cancelled))
            if cancelled() { throw CancellationError() }
        }
        progress?.update(stage: "spectra", done: cases.count, total: cases.count)
        return spectra
    }

    static func weights(_ s: JacobianSpectrum) -> String { s.initialization.isOrthogonal ? "orthogonal" : "gaussian" }

    static func entry(_ s: JacobianSpectrum, settings: Settings) -> Entry {
        Entry(activation: s.activation.name, weights: weights(s), sigmaW2: s.initialization.sigmaW2(width: settings.width)!, sigmaB2: s.sigmaB2,
              width: settings.width, depth: settings.depth, qStar: s.qStar, meanSquaredSingularValue: s.meanSquaredSingularValue,
              fractionNearOne: s.fractionNearOne, zeroCount: s.zeroCount, singularValues: s.singularValues)
    }

    /// The table of the spectra: σ_w², q*, mean σ², the extremes, zeros and the fraction near 1.
    static func summary(_ document: Document, settings: Settings) -> String {
        var table = TextTable(["φ", "weights", "σ_w²", "σ_b²", "q*", "mean σ²", "max σ", "min σ > 0", "σ = 0", "σ in [½, 2]"])
        for s in document {
            table.append([s.activation, s.weights, String(format: "%.6f", s.sigmaW2), TerminalNumber.short(s.sigmaB2),
                          TerminalNumber.short(s.qStar), TerminalNumber.short(s.meanSquaredSingularValue), TerminalNumber.short(s.singularValues.first ?? .nan),
                          TerminalNumber.short(s.singularValues.last { $0 > 0 } ?? .nan), String(s.zeroCount), String(format: "%.0f%%", 100 * s.fractionNearOne)])
        }
        return "Input–output Jacobian, width \(settings.width), depth \(settings.depth), seed \(settings.seed); mean σ² = tr(JJᵀ)/N, 1 in theory at the critical point.\n\n"
            + table.rendered
    }
}

extension SpectrumExperiment {
    /// Width, depth, σ_b² of the bounded activations' critical point, the activations and the seed
    /// (`width`, `depth`, `sigma-b2`, `activations`, `seed`).
    public struct Settings: Sendable, Equatable {
        public var width: Int
        public var depth: Int
        public var sigmaB2: Double
        public var activations: [Activation]
        public var seed: UInt64

        public init(width: Int = 100, depth: Int = 32, sigmaB2: Double = 0.0001, activations: [Activation] = [.tanh, .relu], seed: UInt64 = 1) {
            self.width = width
            self.depth = depth
            self.sigmaB2 = sigmaB2
            self.activations = activations
            self.seed = seed
        }

        public static let widths = 2...400
        public static let depths = 1...500
        /// cases × depth × width³ (about 2.7e8 a second).
        public static let maxWork = 10_000_000_000

        /// - Throws: ``SettingsError`` for a width or depth out of range, a negative or non-finite σ_b²,
        ///   no activation, work over the limit, or an activation without a critical point at σ_b².
        public func validate() throws(SettingsError) {
            try SettingsCheck.value("width", width, within: Self.widths, note: " (the SVD is O(N³))")
            try SettingsCheck.value("depth", depth, within: Self.depths)
            try SettingsCheck.finiteNonNegative("sigma-b2", sigmaB2)
            guard !activations.isEmpty else { throw SettingsError(setting: "activations", "needs at least one activation, e.g. tanh,relu.") }
            let cases = 2 * activations.count
            let work = cases * depth * width * width * width
            guard work <= Self.maxWork else {
                throw SettingsError(setting: nil, "\(cases) spectra of depth \(depth) × width \(width)³ is \(work) multiply-adds; the limit is \(Self.maxWork). Lower the width or the depth.")
            }
            for activation in activations where criticalPoint(activation) == nil {
                throw SettingsError(setting: nil, "\(activation) has no critical point at σ_b² = \(TerminalNumber.short(sigmaB2)) (χ₁ < 1 up to σ_w² = 10⁴).")
            }
        }

        /// (σ_w², σ_b²) of the critical point used for φ: relu (2, 0), leaky relu (2/(1 + slope²), 0),
        /// the others the critical line at `sigmaB2` (nil where χ₁ < 1 up to σ_w² = 10⁴).
        public func criticalPoint(_ activation: Activation) -> (sigmaW2: Double, sigmaB2: Double)? {
            switch activation {
            case .relu: return (2, 0)
            case .leakyRelu(let slope): return (2 / (1 + slope * slope), 0)
            default: return MeanField.criticalSigmaW2(activation: activation, sigmaB2: sigmaB2).map { ($0, sigmaB2) }
            }
        }
    }

    /// `--format json` and the API's body: one entry per spectrum.
    public typealias Document = [Entry]

    /// One spectrum: its network, the headline numbers and the singular values (descending).
    public struct Entry: Codable, Sendable, Equatable {
        public var activation, weights: String
        public var sigmaW2, sigmaB2: Double
        public var width, depth: Int
        public var qStar, meanSquaredSingularValue, fractionNearOne: Double
        public var zeroCount: Int
        public var singularValues: [Double]
    }
}
