import GradscopeNumerics
/// A gated recurrent network (``LSTMNetwork``, ``GRUNetwork``): nothing but its
/// ``RecurrentParameters`` and its loss, so a fresh one for a task is drawn here, once for both.
///
///     LSTMNetwork  G = 4 (i, f, o, g)   Wh, Wx, b, V, d          b = 0 except the forget gate's 1
///     GRUNetwork   G = 3 (r, z, n)      Wh, Wx, bx, bh, V, d     bx = bh = 0
public protocol GatedRecurrentNetwork: ParameterizedRecurrentNetwork {
    /// The parameter groups' names, in gradient order.
    static var groupNames: [String] { get }
    /// G, the rows each unit has in the gate products (and in every bias).
    static var gateCount: Int { get }
    /// The biases a fresh network with `hiddenSize` units starts with, G·H values each.
    static func initialBiases(hiddenSize: Int) -> [[Double]]
    /// A network holding `parameters`, whose groups must be named ``groupNames`` (checked).
    init(_ parameters: RecurrentParameters<Scalar>, loss: RecurrentLoss)
}

extension GatedRecurrentNetwork where Scalar == Double {
    /// A fresh network for `task` with `hiddenSize` units: Wh (G·H × H), Wx (G·H × I) and V (O × H)
    /// drawn by `initialization` in that order (a seed fixes every weight), the biases
    /// ``initialBiases(hiddenSize:)``, d = 0.
    public init<G: RandomNumberGenerator>(task: some SequenceTask, hiddenSize: Int, initialization: RecurrentInitialization,
                                          using generator: inout G) {
        self.init(RecurrentParameters.drawn(names: Self.groupNames, gates: Self.gateCount, task: task, hiddenSize: hiddenSize,
                                            initialization: initialization, biases: Self.initialBiases(hiddenSize: hiddenSize),
                                            using: &generator), loss: task.loss)
    }
}

extension RecurrentParameters {
    /// Refuses parameters not named `expected` (another kind of network's), with a sentence saying both.
    func checkNames(_ expected: [String]) {
        precondition(names == expected, "Parameters named \(names.joined(separator: ", ")) where \(expected.joined(separator: ", ")) are needed.")
    }
}
