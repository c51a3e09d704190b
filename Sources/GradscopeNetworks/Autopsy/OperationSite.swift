import GradscopeNumerics
/// Where in a training step an operation runs.
public enum TrainingPass: String, Hashable, Sendable, Codable {
    /// Rounding the initial parameters and the data to the precision.
    case conversion
    /// The network's forward pass.
    case forward
    /// The loss from the outputs and targets.
    case loss
    /// Back-propagation of the loss gradient.
    case backward
    /// Clipping, loss-scale handling and the parameter update.
    case update
}

/// The kind of arithmetic an operation does, which decides how its anomaly is explained.
public enum OperationKind: String, Hashable, Sendable, Codable {
    case multiply, add, subtract, divide, square, activation, activationSlope, conversion, other
}

/// One named input of an operation.
public struct Operand: Hashable, Sendable, Codable {
    /// Its symbol: `w_3`, `y_2`, `∂L/∂a_4`.
    public var name: String
    /// Its value, widened exactly to Double.
    public var value: Double
    /// The parameter it is, if it is one (so that an anomaly can say when it stopped being finite).
    public var parameter: String?

    public init(_ name: String, _ value: Double, parameter: String? = nil) {
        self.name = name
        self.value = value
        self.parameter = parameter
    }
}

/// An operation of a traced step, described only when its result is not finite (or underflows).
public struct OperationSite: Sendable {
    public var pass: TrainingPass
    /// The 1-based layer (nil for the loss or a formula's whole expression).
    public var layer: Int?
    /// What is computed, as a formula: `a_3 = w_3·y_2`, `∂L/∂a_3 = ∂L/∂y_3·φ'(a_3)`.
    public var label: String
    public var kind: OperationKind
    public var operands: [Operand]
    /// The index of the data point (x) the operation is for, if any.
    public var sample: Int?
    /// The exact value the result stands for, in words, when that says more than the
    /// operands do: "the product of 45 factors w·φ'(a) = 8 and ∂L/∂y_L = −0.0238".
    public var exactValue: String?
    /// For activation steps: the exact value in Double (the result rounded to the format is compared with it).
    public var exactResult: Double?

    public init(_ pass: TrainingPass, layer: Int?, _ label: String, kind: OperationKind, operands: [Operand],
                sample: Int? = nil, exactValue: String? = nil, exactResult: Double? = nil) {
        self.pass = pass
        self.layer = layer
        self.label = label
        self.kind = kind
        self.operands = operands
        self.sample = sample
        self.exactValue = exactValue
        self.exactResult = exactResult
    }
}
