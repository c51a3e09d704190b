import GradscopeNumerics
/// The trained numbers of a recurrent network, one group per weight matrix or bias, in
/// gradient order: the recurrent weights (G·H × H), the input weights (G·H × I), one or more
/// biases (G·H each), then the readout's V (O × H) and d (O). G is the number of rows a unit
/// has in the gate products: 1 for an Elman cell, 3 for a GRU (r, z, n), 4 for an LSTM (i, f, o, g).
///
///     ElmanNetwork  W, U, c, V, d          LSTMNetwork  Wh, Wx, b, V, d          GRUNetwork  Wh, Wx, bx, bh, V, d
///
/// The one place that names the groups, checks their shapes and hands them to the trainers as
/// ``ParameterGroups``; ``ElmanNetwork``, ``LSTMNetwork`` and ``GRUNetwork`` each hold one (see
/// ``ParameterizedRecurrentNetwork``). Every setter refuses a group of another shape with a
/// sentence naming the group.
///
/// ```swift
/// var p = RecurrentParameters<Double>(names: ["W", "U", "c", "V", "d"], gates: 1, recurrentWeights: .identity(2),
///                                     inputWeights: Matrix(rows: 2, columns: 1), biases: [[0, 0]],
///                                     readoutWeights: Matrix(rows: 1, columns: 2), readoutBias: [0])
/// p.groups.values.map(\.count)     // [4, 2, 2, 2, 1]
/// p.problem(with: ParameterGroups(names: p.names, values: [[1], [], [], [], []]))
///                                  // "The parameter group W needs 4 values (2×2), got 1."
/// ```
public struct RecurrentParameters<T: GradFloat>: Hashable, Sendable {
    /// The groups' names, in gradient order (`W, U, c, V, d` for an Elman network).
    public let names: [String]
    /// Each group's numbers, row-major for a matrix.
    public private(set) var values: [[T]]
    /// Each group's row length (nil for a vector): `[H, I, nil, …, H, nil]`, the columns of
    /// `W`, `U`, the biases, `V` and `d`.
    public let columns: [Int?]

    /// Parameters from their matrices and vectors; the shapes must fit one another.
    /// - Parameters:
    ///   - names: one name per group: recurrent weights, input weights, every bias, V, d.
    ///   - gates: G, the rows per unit of the recurrent and input weights and of every bias.
    public init(names: [String], gates: Int, recurrentWeights: Matrix<T>, inputWeights: Matrix<T>, biases: [[T]],
                readoutWeights: Matrix<T>, readoutBias: [T]) {
        precondition(names.count == biases.count + 4, "\(names.count) names for \(biases.count + 4) groups.")
        let h = recurrentWeights.columns, rows = gates * h
        let shapes = [(recurrentWeights.rows, recurrentWeights.columns, "\(gates == 1 ? "" : "\(gates)")H × H"),
                      (inputWeights.rows, inputWeights.columns, "\(gates == 1 ? "" : "\(gates)")H × I")]
        for (g, (r, c, form)) in shapes.enumerated() where r != rows {
            preconditionFailure("\(names[g]) must be \(rows)×\(c) (\(form)), got \(r)×\(c).")
        }
        for (k, bias) in biases.enumerated() where bias.count != rows {
            preconditionFailure("\(names[2 + k]) needs \(rows) values (\(gates == 1 ? "" : "\(gates)")H), got \(bias.count).")
        }
        precondition(readoutWeights.columns == h && readoutWeights.rows == readoutBias.count,
                     "\(names[names.count - 2]) must be \(readoutBias.count)×\(h) (O × H), got \(readoutWeights.rows)×\(readoutWeights.columns).")
        self.names = names
        self.values = [recurrentWeights.elements, inputWeights.elements] + biases + [readoutWeights.elements, readoutBias]
        self.columns = [h, inputWeights.columns] + biases.map { _ in nil } + [h, nil]
    }

    /// H, the number of units.
    public var hiddenSize: Int { columns[0]! }
    /// I, the number of inputs per time step.
    public var inputSize: Int { columns[1]! }
    /// O, the number of outputs.
    public var outputSize: Int { values[values.count - 1].count }
    /// The number of biases (1; 2 for a GRU's bx and bh).
    public var biasCount: Int { values.count - 4 }

    /// The groups as the trainers read and write them. Setting refuses groups of another number
    /// or size, naming the first group that differs.
    public var groups: ParameterGroups<T> {
        get { ParameterGroups(names: names, values: values) }
        set {
            if let problem = problem(with: newValue) { preconditionFailure(problem) }
            values = newValue.values
        }
    }

    /// Nil when `groups` has as many groups as these parameters, each of the same size; otherwise
    /// a sentence naming the first group that differs ("The parameter group Wx needs 12 values (12×1), got 10.").
    /// The names are not compared (a trainer's gradients carry the same ones).
    public func problem(with groups: ParameterGroups<T>) -> String? {
        guard groups.values.count == values.count else {
            return "The network has \(values.count) parameter groups (\(names.joined(separator: ", "))), got \(groups.values.count)."
        }
        for g in values.indices {
            if let problem = countProblem(groups.values[g].count, ofGroup: g) { return problem }
        }
        return nil
    }

    /// Group `g`, whose numbers must keep their count (checked, naming the group).
    public subscript(group g: Int) -> [T] {
        get { values[g] }
        set {
            checkCount(newValue.count, ofGroup: g)
            values[g] = newValue
        }
    }

    /// Group `g` as a matrix (`values[g].count / columns[g]` rows); setting it checks its shape.
    public subscript(matrix g: Int) -> Matrix<T> {
        get {
            let c = columns[g] ?? 1
            return Matrix(rows: c == 0 ? 0 : values[g].count / c, columns: c, elements: values[g])
        }
        set {
            let old = self[matrix: g]
            precondition(newValue.rows == old.rows && newValue.columns == old.columns,
                         "\(names[g]) must be \(old.rows)×\(old.columns), got \(newValue.rows)×\(newValue.columns).")
            values[g] = newValue.elements
        }
    }

    /// The recurrent weights (W or Wh), `G·H × H`.
    public var recurrentWeights: Matrix<T> {
        get { self[matrix: 0] }
        set { self[matrix: 0] = newValue }
    }

    /// The input weights (U or Wx), `G·H × I`.
    public var inputWeights: Matrix<T> {
        get { self[matrix: 1] }
        set { self[matrix: 1] = newValue }
    }

    /// Bias `k` (c or b; bx for k = 0 and bh for k = 1 in a GRU), `G·H` values.
    public subscript(bias k: Int) -> [T] {
        get { values[2 + k] }
        set { self[group: 2 + k] = newValue }
    }

    /// The readout's weights V, `O × H`.
    public var readoutWeights: Matrix<T> {
        get { self[matrix: values.count - 2] }
        set { self[matrix: values.count - 2] = newValue }
    }

    /// The readout's bias d, `O` values.
    public var readoutBias: [T] {
        get { values[values.count - 1] }
        set { self[group: values.count - 1] = newValue }
    }

    /// The same parameters in another precision, each number rounded once.
    public func converted<U: GradFloat>(to type: U.Type = U.self) -> RecurrentParameters<U> {
        RecurrentParameters<U>(names: names, values: values.map { $0.map { U($0) } }, columns: columns)
    }

    /// "32 units", "1 unit".
    var unitsPhrase: String { "\(hiddenSize) unit\(hiddenSize == 1 ? "" : "s")" }

    private init(names: [String], values: [[T]], columns: [Int?]) {
        self.names = names
        self.values = values
        self.columns = columns
    }

    private func checkCount(_ count: Int, ofGroup g: Int) {
        if let problem = countProblem(count, ofGroup: g) { preconditionFailure(problem) }
    }

    private func countProblem(_ count: Int, ofGroup g: Int) -> String? {
        let expected = values[g].count
        guard count != expected else { return nil }
        let shape = columns[g].map { c in " (\(c == 0 ? 0 : expected / c)×\(c))" } ?? ""
        return "The parameter group \(names[g]) needs \(expected) value\(expected == 1 ? "" : "s")\(shape), got \(count)."
    }
}

extension RecurrentParameters where T == Double {
    /// Fresh parameters for `task` with `hiddenSize` units: the recurrent weights (G·H × H), the input
    /// weights (G·H × I) and V (O × H) drawn by `initialization` in that order, the given biases, d = 0.
    static func drawn<G: RandomNumberGenerator>(names: [String], gates: Int, task: some SequenceTask, hiddenSize h: Int,
                                                initialization: RecurrentInitialization, biases: [[Double]],
                                                using generator: inout G) -> RecurrentParameters {
        let w = initialization.recurrentWeights(rows: gates * h, columns: h, using: &generator)
        let u = initialization.otherWeights(rows: gates * h, columns: task.inputSize, using: &generator)
        let v = initialization.otherWeights(rows: task.outputSize, columns: h, using: &generator)
        return RecurrentParameters(names: names, gates: gates, recurrentWeights: w, inputWeights: u, biases: biases,
                                   readoutWeights: v, readoutBias: [Double](repeating: 0, count: task.outputSize))
    }
}
