/// One row of the trace's `stats` table: the statistics of one tensor at one point of a step.
public struct TraceRecord: Hashable, Sendable {
    /// Where in the step the tensor was seen.
    public enum Pass: String, Hashable, Sendable, Codable, CaseIterable {
        case forward, backward, loss, update
    }

    /// What the tensor is (`docs/trace-schema.md`, "Kinds").
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A module's first tensor argument.
        case input
        /// A module's output (the first tensor of a tuple).
        case output
        /// ∂L/∂output of a module call.
        case gradOutput = "grad_output"
        /// ∂L/∂input of a module call.
        case gradInput = "grad_input"
        /// A parameter's gradient as it is formed, unscaled.
        case parameterGradient = "param_grad"
        /// A parameter's value at the start of the step.
        case parameter = "param"
        /// A parameter after the optimizer's step.
        case parameterUpdated = "param_updated"
        /// The tensor given to `probe.loss(...)`.
        case loss
        /// An ATen operation's result.
        case operationOutput = "op_output"
        /// An ATen operation's tensor operand number `operand`.
        case operationInput = "op_input"
    }

    public var step: Int
    /// Execution order inside the step, from 0.
    public var sequence: Int
    public var pass: Pass
    public var kind: Kind
    /// The module (innermost, for operations); nil outside any module.
    public var moduleID: Int?
    /// 0 for a module's first call in the step, 1 for its second, …
    public var callIndex: Int
    public var parameterID: Int?
    /// The ATen name for operation rows: `aten::log`.
    public var operation: String?
    public var operand: Int?
    /// The tensor's dtype: `float32`, `float16`, …
    public var dtype: String
    public var statistics: TraceStatistics

    public init(step: Int, sequence: Int, pass: Pass, kind: Kind, moduleID: Int? = nil, callIndex: Int = 0,
                parameterID: Int? = nil, operation: String? = nil, operand: Int? = nil, dtype: String = "float32",
                statistics: TraceStatistics) {
        self.step = step
        self.sequence = sequence
        self.pass = pass
        self.kind = kind
        self.moduleID = moduleID
        self.callIndex = callIndex
        self.parameterID = parameterID
        self.operation = operation
        self.operand = operand
        self.dtype = dtype
        self.statistics = statistics
    }
}
