/// Names by which users, formulas and files refer to activations.
extension Activation {
    /// The activations without a parameter, with their default parameters for the others.
    public static let all: [Activation] = [
        .relu, .leakyRelu(slope: 0.01), .tanh, .sigmoid, .linear,
        .softplus, .elu(alpha: 1), .gelu, .swish, .sine,
    ]

    /// The canonical name (`relu`, `leaky_relu`, `tanh`, `sigmoid`, `linear`,
    /// `softplus`, `elu`, `gelu`, `swish`, `sin`).
    public var name: String {
        switch self {
        case .relu: "relu"
        case .leakyRelu: "leaky_relu"
        case .tanh: "tanh"
        case .sigmoid: "sigmoid"
        case .linear: "linear"
        case .softplus: "softplus"
        case .elu: "elu"
        case .gelu: "gelu"
        case .swish: "swish"
        case .sine: "sin"
        }
    }

    /// Every spelling accepted on the command line and in formulas, mapped to its activation
    /// (parameterised cases with their default parameter).
    public static let namesByAlias: [String: Activation] = [
        "relu": .relu, "leaky_relu": .leakyRelu(slope: 0.01), "leakyrelu": .leakyRelu(slope: 0.01),
        "tanh": .tanh, "sigmoid": .sigmoid, "sig": .sigmoid, "logistic": .sigmoid,
        "linear": .linear, "identity": .linear, "softplus": .softplus, "elu": .elu(alpha: 1),
        "gelu": .gelu, "swish": .swish, "silu": .swish, "sin": .sine, "sine": .sine,
    ]

    /// Looks an activation up by any of its names (case-insensitive, `-` and `_` alike).
    ///
    /// ```swift
    /// Activation(named: "leaky-relu")   // .leakyRelu(slope: 0.01)
    /// ```
    public init?(named name: String) {
        let key = String(name.lowercased().map { $0 == "-" ? "_" : $0 })
        guard let found = Activation.namesByAlias[key] else { return nil }
        self = found
    }

    /// The supremum of |φ'| over the real line, Pascanu's γ: 1 for tanh, relu and
    /// the linear map, 1/4 for the sigmoid. A single unit with |w| < 1/γ always has
    /// vanishing gradients.
    public var maxSlope: Double {
        switch self {
        case .relu, .tanh, .linear, .softplus, .sine: 1
        case .leakyRelu(let slope): max(1, abs(slope))
        case .sigmoid: 0.25
        case .elu(let alpha): max(1, abs(alpha))
        case .gelu: 1.1289041451851548  // max of Φ(z) + zφ(z), at z = √2
        case .swish: 1.0998393201288669  // max of σ(z)(1 + zσ(−z)), at z ≈ 2.3994
        }
    }
}

extension Activation: CustomStringConvertible {
    public var description: String {
        switch self {
        case .leakyRelu(let slope): "leaky_relu(slope: \(slope))"
        case .elu(let alpha): "elu(alpha: \(alpha))"
        default: name
        }
    }
}

extension Activation {
    /// A one-line error for an unknown activation name, with the closest known name.
    ///
    /// "Unknown activation 'tanhh'. Did you mean 'tanh'? Known: relu, leaky_relu, …"
    public static func unknownNameMessage(_ name: String) -> String {
        let known = all.map(\.name).joined(separator: ", ")
        if let close = NameSuggestion.closest(to: name, among: namesByAlias.keys) {
            return "Unknown activation '\(name)'. Did you mean '\(close)'? Known: \(known)."
        }
        return "Unknown activation '\(name)'. Known: \(known)."
    }
}
