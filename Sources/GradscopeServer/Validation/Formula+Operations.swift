import GradscopeCore

extension Formula.Expression {
    /// The operations one evaluation performs (negations, binary operators, calls): the
    /// cost of one layer at one point, for the request budget ``Limits/operations``.
    var operationCount: Int {
        switch self {
        case .number, .pi, .e, .x, .parameter: 0
        case .negate(let a): 1 + a.operationCount
        case .binary(_, let a, let b): 1 + a.operationCount + b.operationCount
        case .call(_, let arguments): arguments.reduce(1) { $0 + $1.operationCount }
        }
    }
}
