import GradscopeNumerics
/// How a recurrent network's weights start (biases start at 0, an LSTM's forget-gate bias at 1).
///
///     sigmoid      every weight ~ N(0, 0.01²)                         Pascanu et al. 2013, "sigmoid"
///     basicTanh    every weight ~ N(0, 0.1²)                          Pascanu et al. 2013, "basic tanh"
///     smartTanh    W sparse: 15 incoming N(0, 1) weights per unit, rescaled to ρ(W) = 0.95;
///                  U, V ~ N(0, 0.1²)                                  Pascanu et al. 2013, "smart tanh"
///     identity     W = I, U, V ~ N(0, 0.001²) (the IRNN, with relu)   Le, Jaitly & Hinton 2015
///     recurrent(i) W (and an LSTM's Wh) drawn by the ``Initializer`` i (xavier, he, orthogonal, …);
///                  U, V (and Wx) Xavier-normal
///
/// Draws come from the generator in the order W, U, V, so a seed fixes every weight.
///
/// References: [Pascanu et al. 2013](https://arxiv.org/abs/1211.5063), section 4.1;
/// [Le, Jaitly & Hinton 2015](https://arxiv.org/abs/1504.00941).
public enum RecurrentInitialization: Hashable, Sendable {
    case sigmoid
    case basicTanh
    case smartTanh
    case identity
    case recurrent(Initializer)

    /// `sigmoid`, `basic-tanh`, `smart-tanh`, `irnn` (= `identity`), or any ``Initializer`` name.
    public init?(named text: String) {
        switch text.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "sigmoid", "pascanu-sigmoid": self = .sigmoid
        case "basic-tanh", "pascanu-basic-tanh": self = .basicTanh
        case "smart-tanh", "pascanu-smart-tanh": self = .smartTanh
        case "irnn", "identity": self = .identity
        default:
            guard let initializer = Initializer(named: text) else { return nil }
            self = .recurrent(initializer)
        }
    }

    public var name: String {
        switch self {
        case .sigmoid: "sigmoid"
        case .basicTanh: "basic-tanh"
        case .smartTanh: "smart-tanh"
        case .identity: "irnn"
        case .recurrent(let i): i.name
        }
    }

    public static let namesHelp = "sigmoid, basic-tanh, smart-tanh (Pascanu et al.), irnn (identity), or " + Initializer.namesHelp

    /// The recurrent matrix (`rows × columns`, square for W; `4H × H` for an LSTM's Wh).
    func recurrentWeights<G: RandomNumberGenerator>(rows: Int, columns: Int, using g: inout G) -> Matrix<Double> {
        switch self {
        case .sigmoid: return Initializer.normal(standardDeviation: 0.01).weights(fanIn: columns, fanOut: rows, using: &g)
        case .basicTanh: return Initializer.normal(standardDeviation: 0.1).weights(fanIn: columns, fanOut: rows, using: &g)
        case .smartTanh: return Self.sparse(rows: rows, columns: columns, incoming: 15, spectralRadius: 0.95, using: &g)
        case .identity: return Initializer.identity().weights(fanIn: columns, fanOut: rows, using: &g)
        case .recurrent(let i): return i.weights(fanIn: columns, fanOut: rows, using: &g)
        }
    }

    /// An input or readout matrix.
    func otherWeights<G: RandomNumberGenerator>(rows: Int, columns: Int, using g: inout G) -> Matrix<Double> {
        guard rows > 0, columns > 0 else { return Matrix(rows: rows, columns: columns) }
        let initializer: Initializer = switch self {
        case .sigmoid: .normal(standardDeviation: 0.01)
        case .basicTanh, .smartTanh: .normal(standardDeviation: 0.1)
        case .identity: .normal(standardDeviation: 0.001)
        case .recurrent: .xavierNormal()
        }
        return initializer.weights(fanIn: columns, fanOut: rows, using: &g)
    }

    /// Pascanu's sparse matrix: each row gets `incoming` N(0, 1) entries in distinct random columns
    /// (all columns when there are fewer), then the square blocks are scaled so ρ = `spectralRadius`.
    static func sparse<G: RandomNumberGenerator>(rows: Int, columns: Int, incoming: Int, spectralRadius: Double,
                                                 using g: inout G) -> Matrix<Double> {
        var m = Matrix<Double>(rows: rows, columns: columns)
        for r in 0..<rows {
            var picked = Set<Int>()
            while picked.count < min(incoming, columns) { picked.insert(Int.random(in: 0..<columns, using: &g)) }
            for c in picked.sorted() { m[r, c] = g.nextGaussian() }
        }
        // The spectral radius of the square part (W itself, or each H × H gate block of an LSTM).
        let blocks = rows / max(columns, 1)
        for k in 0..<blocks {
            let block = Matrix(rows: columns, columns: columns) { m[k * columns + $0, $1] }
            let rho = block.spectralRadius
            guard rho > 0 else { continue }
            for r in 0..<columns { for c in 0..<columns { m[k * columns + r, c] *= spectralRadius / rho } }
        }
        return m
    }
}

extension ElmanNetwork where T == Double {
    /// A fresh network for `task`: W, U, V drawn by `initialization`, biases 0, h_0 = 0.
    public init<G: RandomNumberGenerator>(task: some SequenceTask, hiddenSize: Int, activation: Activation,
                                          initialization: RecurrentInitialization, using generator: inout G) {
        self.init(RecurrentParameters.drawn(names: Self.groupNames, gates: 1, task: task, hiddenSize: hiddenSize, initialization: initialization,
                                            biases: [[Double](repeating: 0, count: hiddenSize)], using: &generator),
                  activation: activation, loss: task.loss)
    }
}
