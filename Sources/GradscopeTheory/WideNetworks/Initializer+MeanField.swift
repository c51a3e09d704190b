import GradscopeNumerics
import RealModule

/// Initialisers seen by mean-field theory: the σ_w² a scheme gives a `width × width` layer,
/// PyTorch's gains, and the command-line names of wide networks.
extension Initializer {
    /// σ_w² = width × the second moment of a weight, for a square layer:
    /// `normal(σ)`: σ²·N; Xavier: gain²; He: 2; orthogonal: gain²; identity: scale². Nil for `scaled` and `constant`.
    public func sigmaW2(width: Int) -> Double? {
        switch self {
        case .normal, .xavierNormal, .xavierUniform, .heNormal: variance(fanIn: width, fanOut: width).map { $0 * Double(width) }
        case .orthogonal(let gain): gain * gain
        case .identity(let scale): scale * scale
        case .scaled, .constant: nil
        }
    }

    /// The mean-field convention: weights N(0, σ_w²/N).
    public static func meanField(sigmaW2: Double, width: Int) -> Initializer {
        .normal(standardDeviation: (sigmaW2 / Double(width)).squareRoot())
    }

    /// PyTorch's recommended gain for φ (`torch.nn.init.calculate_gain`): tanh 5/3, relu √2,
    /// leaky relu √(2/(1 + slope²)), otherwise 1 (linear, sigmoid; PyTorch has none for the others).
    public static func pytorchGain(for activation: Activation) -> Double {
        switch activation {
        case .tanh: 5.0 / 3
        case .relu: Double.sqrt(2)
        case .leakyRelu(let slope): Double.sqrt(2 / (1 + slope * slope))
        default: 1
        }
    }

    /// The names of ``init(named:)`` plus `gaussian` (N(0, σ_w²/N), the mean-field convention) and
    /// `:auto` for PyTorch's gain of φ (`xavier:auto`, `orthogonal:auto`). `scaled` and `constant`
    /// are refused: they do not make random networks.
    ///
    /// ```swift
    /// Initializer(wideNamed: "xavier:auto", activation: .tanh, sigmaW2: 1, width: 100)   // .xavierNormal(gain: 5/3)
    /// ```
    public init?(wideNamed text: String, activation: Activation, sigmaW2: Double, width: Int) {
        let lower = text.lowercased()
        if lower == "gaussian" {
            self = .meanField(sigmaW2: sigmaW2, width: width)
            return
        }
        let gain = Self.pytorchGain(for: activation)
        let resolved = lower.hasSuffix(":auto") ? lower.dropLast(5) + ":\(gain)" : Substring(lower)
        guard let scheme = Initializer(named: String(resolved)), scheme.sigmaW2(width: width) != nil else { return nil }
        self = scheme
    }

    /// The accepted spellings for wide networks, for help and errors.
    public static let wideNamesHelp = "gaussian (N(0, σ_w²/N)), xavier[:GAIN|:auto], xavier-uniform[:GAIN|:auto], he, he-fan-out, orthogonal[:GAIN|:auto], identity[:SCALE]"

    /// Whether the weights are orthogonal.
    public var isOrthogonal: Bool { if case .orthogonal = self { true } else { false } }
}
