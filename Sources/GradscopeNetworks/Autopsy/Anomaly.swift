import GradscopeNumerics
/// The first operation of a run that produced an Inf, a NaN, or a 0 from nonzero operands.
///
/// "step 1, backward, layer 6: ∂L/∂a_6 = ∂L/∂a_7·w_7 = -Inf; the product of 45 factors
/// w·φ'(a) = 8 and ∂L/∂y_L = -0.0238 exceeds Float32's maximum 3.4e38"
public struct Anomaly: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The result is ±Inf, the operands are finite (or the Inf is the rounding of a finite value).
        case infinity
        /// The result is NaN, no operand is NaN.
        case nan
        /// The result is 0, the exact result is not: it is below half the smallest subnormal.
        case underflow
    }

    public var kind: Kind
    /// The 1-based training step (0 for the conversion of the initial parameters).
    public var step: Int
    public var pass: TrainingPass
    public var layer: Int?
    /// The operation as a formula, e.g. `a_43 = w_43·y_42`.
    public var operation: String
    public var operationKind: OperationKind
    public var operands: [Operand]
    /// The result in the run's precision, widened to Double.
    public var result: Double
    /// The index of the data point and its x, if the operation is for one.
    public var sample: Int?
    public var input: Double?
    /// Why, in words: "the product of 43 factors of 8 exceeds Float32's maximum 3.4e38".
    public var cause: String
    /// The cause for machines: `overflow`, `zero-times-inf`, `log-of-zero`, … (see ``AnomalyCauseKind``).
    public var causeKind: AnomalyCauseKind? = nil
    /// In a traced PyTorch run (`gradscope inspect`): the module as `named_modules()` names it, its
    /// class, which call of it in the step, and the ATen operation when the probe watched operations.
    public var module: String? = nil
    public var moduleType: String? = nil
    public var callIndex: Int? = nil
    public var frameworkOperation: String? = nil

    /// "step 1, backward, layer 6, x = 0"
    public var place: String {
        var parts = ["step \(step)", pass.rawValue]
        if let layer { parts.append("layer \(layer)") }
        if let input { parts.append("x = \(TerminalNumber.brief(input))") }
        return parts.joined(separator: ", ")
    }

    /// "w_1 = -Inf, y_0 = 0"
    public var operandText: String {
        operands.map { "\($0.name) = \(TerminalNumber.brief($0.value))" }.joined(separator: ", ")
    }

    /// One sentence: "First Inf: step 1, backward, layer 6 (x = 0): ∂L/∂a_6 = … = -Inf with …. Cause: …"
    public var summary: String {
        let title = switch kind {
        case .infinity: "First Inf"
        case .nan: "First NaN"
        case .underflow: "First underflow to 0"
        }
        return "\(title): \(place): \(operation) = \(TerminalNumber.brief(result)) with \(operandText). Cause: \(cause)."
    }
}
