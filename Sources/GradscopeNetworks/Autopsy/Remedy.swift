import GradscopeNumerics
/// A change to a training run that may keep it finite, replayed and compared by ``Autopsy``.
///
/// Written on the command line as `clip-norm=1`, `clip-value=0.5`, `lr=1e-3`,
/// `init=xavier`, `activation=relu`, `amp` (see ``init(parsing:)``).
public enum Remedy: Hashable, Sendable, CustomStringConvertible {
    /// The run as given, the baseline.
    case none
    /// Clip the gradients to a global 2-norm (PyTorch's `clip_grad_norm_`).
    case clipNorm(Double)
    /// Clamp every gradient (PyTorch's `clip_grad_value_`).
    case clipValue(Double)
    /// Another learning rate.
    case learningRate(Double)
    /// Re-initialise the weights (biases kept).
    case initializer(Initializer)
    /// Another activation in every hidden layer.
    case activation(Activation)
    /// Mixed precision with dynamic loss scaling, as AMP and `GradScaler` (16-bit runs only).
    case lossScaling
    /// FP8 training's model with a scaling recipe (MLP runs in a narrow precision; see ``ScaledTrainer``).
    case scaling(ScalingRecipe)

    /// The name ``init(parsing:)`` reads back: `none`, `clip-norm=1`, `lr=0.001`, `amp`, …
    public var description: String {
        func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)" }
        return switch self {
        case .none: "none"
        case .clipNorm(let m): "clip-norm=\(number(m))"
        case .clipValue(let v): "clip-value=\(number(v))"
        case .learningRate(let r): "lr=\(number(r))"
        case .initializer(let i): "init=\(i.name)"
        case .activation(let a): "activation=\(a.name)"
        case .lossScaling: "amp"
        case .scaling(let recipe): recipe.description
        }
    }

    /// The errors ``init(parsing:)`` reports, one line each.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Parses one remedy: `clip-norm=MAX`, `clip-value=V`, `lr=RATE`, `init=NAME`
    /// (see ``Initializer/init(named:)``), `activation=NAME`, `amp` or `none`.
    ///
    /// - Throws: ``ParseError`` naming the remedy and the fix (a negative clip norm, an unknown activation, …).
    public init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
        let key = parts[0].lowercased(), value = parts.count == 2 ? parts[1] : nil
        func positive(_ what: String) throws(ParseError) -> Double {
            guard let value, let number = Double(value), number.isFinite, number > 0 else {
                throw ParseError(description: "Remedy '\(text)': \(what) must be a positive number, as in '\(key)=\(key == "lr" ? "0.001" : "1")'.")
            }
            return number
        }
        switch key {
        case "none" where value == nil: self = .none
        case "amp" where value == nil, "loss-scaling" where value == nil: self = .lossScaling
        case "clip-norm": self = .clipNorm(try positive("the clip norm"))
        case "clip-value": self = .clipValue(try positive("the clip value"))
        case "lr": self = .learningRate(try positive("the learning rate"))
        case "init":
            guard let value, let initializer = Initializer(named: value) else {
                throw ParseError(description: "Remedy '\(text)': unknown initialiser. Known: \(Initializer.namesHelp).")
            }
            self = .initializer(initializer)
        case "scale":
            guard let value, let recipe = ScalingRecipe(named: value) else {
                throw ParseError(description: "Remedy '\(text)': unknown scaling recipe. Use scale=none, scale=current, scale=delayed or scale=mx.")
            }
            self = .scaling(recipe)
        case "activation":
            guard let value, let activation = Activation(named: value) else {
                throw ParseError(description: "Remedy '\(text)': " + Activation.unknownNameMessage(value ?? ""))
            }
            self = .activation(activation)
        default:
            throw ParseError(description: "Unknown remedy '\(text)'. Use none, all, or a comma-separated list of clip-norm=MAX, clip-value=V, lr=RATE, init=NAME, activation=NAME, amp.")
        }
    }

    /// A comma-separated list, or `all` (see ``standardSet(learningRate:activation:precision:)``) or `none`.
    public static func list(parsing text: String, learningRate: Double, activation: Activation?, precision: Precision) throws(ParseError) -> [Remedy] {
        let trimmed = text.trimmingSpaces.lowercased()
        if trimmed == "all" { return standardSet(learningRate: learningRate, activation: activation, precision: precision) }
        var remedies: [Remedy] = []
        for part in text.split(separator: ",") {
            let remedy = try Remedy(parsing: String(part))
            if remedy != .none, !remedies.contains(remedy) { remedies.append(remedy) }
        }
        return remedies
    }

    /// `all`: clipping by norm 1 and by value 1, a learning rate 10 times lower, Xavier, He
    /// and orthogonal initialisation, relu (or tanh for a relu network), and AMP for 16-bit runs.
    public static func standardSet(learningRate: Double, activation: Activation?, precision: Precision) -> [Remedy] {
        var set: [Remedy] = [.clipNorm(1), .clipValue(1), .learningRate(learningRate / 10),
                             .initializer(.xavierNormal()), .initializer(.heNormal()), .initializer(.orthogonal())]
        if let activation { set.append(.activation(activation == .relu ? .tanh : .relu)) }
        if precision == .float16 || precision == .bfloat16 { set.append(.lossScaling) }
        return set
    }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
