extension WideInitialization {
    /// Reads `gaussian`, `xavier` (= `xavier-normal`), `xavier-uniform`, `he` (= `he-fan-in`, `kaiming`),
    /// `he-fan-out`, `orthogonal`; Xavier and orthogonal take `:GAIN` or `:auto` (PyTorch's gain for φ).
    /// `gaussian` uses `sigmaW2`.
    ///
    /// ```swift
    /// WideInitialization(named: "xavier:auto", activation: .tanh, sigmaW2: 1)   // .xavierNormal(gain: 5/3)
    /// ```
    public init?(named text: String, activation: Activation, sigmaW2: Double) {
        let parts = text.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        guard let head = parts.first.map({ String($0.map { $0 == "_" ? "-" : $0 }) }) else { return nil }
        var gain = 1.0
        if parts.count == 2 {
            if parts[1] == "auto" {
                gain = Self.pytorchGain(for: activation)
            } else if let value = Double(parts[1]), value.isFinite, value > 0 {
                gain = value
            } else {
                return nil
            }
        }
        let takesGain = ["xavier", "xavier-normal", "glorot", "xavier-uniform", "glorot-uniform", "orthogonal"].contains(head)
        if parts.count == 2, !takesGain { return nil }
        switch head {
        case "gaussian", "normal": self = .gaussian(sigmaW2: sigmaW2)
        case "xavier", "xavier-normal", "glorot": self = .xavierNormal(gain: gain)
        case "xavier-uniform", "glorot-uniform": self = .xavierUniform(gain: gain)
        case "he", "he-fan-in", "kaiming": self = .he(fan: .fanIn)
        case "he-fan-out", "kaiming-fan-out": self = .he(fan: .fanOut)
        case "orthogonal": self = .orthogonal(gain: gain)
        default: return nil
        }
    }

    /// The accepted spellings, for help and errors.
    public static let namesHelp = "gaussian (N(0, σ_w²/N)), xavier[:GAIN|:auto], xavier-uniform[:GAIN|:auto], he, he-fan-out, orthogonal[:GAIN|:auto]"

    /// `gaussian(σ_w²=1.5)`, `xavier-normal(gain 1.667)`, `he(fan_in)`, …
    public var name: String {
        func g(_ v: Double) -> String { v == 1 ? "" : ":\(ShortNumber.text(v))" }
        switch self {
        case .gaussian: return "gaussian"
        case .xavierNormal(let gain): return "xavier-normal" + g(gain)
        case .xavierUniform(let gain): return "xavier-uniform" + g(gain)
        case .he(let fan): return fan == .fanIn ? "he" : "he-fan-out"
        case .orthogonal(let gain): return "orthogonal" + g(gain)
        }
    }
}

/// Locale-free short numbers for names: up to 4 significant digits.
enum ShortNumber {
    static func text(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e9 { return String(Int(v)) }
        var s = String(Double((v * 1e4).rounded() / 1e4))
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
