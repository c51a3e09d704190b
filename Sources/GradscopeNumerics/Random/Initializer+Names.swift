/// The names initialisers are written with on the command line and in files.
extension Initializer {
    /// `normal:0.1`, `xavier` (= `xavier-normal`) or `xavier:GAIN`, `xavier-uniform[:GAIN]`, `he` (= `he-fan-in`), `he-fan-out`,
    /// `orthogonal` or `orthogonal:GAIN`, `identity` or `identity:SCALE`, `scaled:FACTOR`, `constant:C`.
    ///
    /// ```swift
    /// Initializer(named: "scaled:0.125")   // .scaled(by: 0.125)
    /// ```
    public init?(named text: String) {
        let parts = text.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        guard let head = parts.first else { return nil }
        let number = parts.count == 2 ? Double(parts[1]) : nil
        if parts.count == 2, number?.isFinite != true { return nil }
        switch (String(head.map { $0 == "_" ? "-" : $0 }), number) {
        case ("normal", let sigma?) where sigma >= 0: self = .normal(standardDeviation: sigma)
        case ("xavier", let gain), ("xavier-normal", let gain), ("glorot", let gain), ("glorot-normal", let gain):
            self = .xavierNormal(gain: gain ?? 1)
        case ("xavier-uniform", let gain), ("glorot-uniform", let gain): self = .xavierUniform(gain: gain ?? 1)
        case ("he", nil), ("he-fan-in", nil), ("kaiming", nil): self = .heNormal(fan: .fanIn)
        case ("he-fan-out", nil): self = .heNormal(fan: .fanOut)
        case ("orthogonal", let gain): self = .orthogonal(gain: gain ?? 1)
        case ("identity", let scale): self = .identity(scale: scale ?? 1)
        case ("scaled", let factor?): self = .scaled(by: factor)
        case ("constant", let c?): self = .constant(c)
        default: return nil
        }
    }

    /// The name ``init(named:)`` reads back: `xavier-normal`, `scaled:0.125`, …
    public var name: String {
        func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)" }
        switch self {
        case .normal(let sigma): return "normal:\(number(sigma))"
        case .xavierUniform(let gain): return gain == 1 ? "xavier-uniform" : "xavier-uniform:\(number(gain))"
        case .xavierNormal(let gain): return gain == 1 ? "xavier-normal" : "xavier-normal:\(number(gain))"
        case .heNormal(let fan): return fan == .fanIn ? "he" : "he-fan-out"
        case .orthogonal(let gain): return gain == 1 ? "orthogonal" : "orthogonal:\(number(gain))"
        case .identity(let scale): return scale == 1 ? "identity" : "identity:\(number(scale))"
        case .scaled(let factor): return "scaled:\(number(factor))"
        case .constant(let c): return "constant:\(number(c))"
        }
    }

    /// The accepted spellings, for error messages.
    public static let namesHelp = "normal:SIGMA, xavier[:GAIN], xavier-uniform[:GAIN], he, he-fan-out, orthogonal[:GAIN], identity[:SCALE], scaled:FACTOR, constant:C"
}
