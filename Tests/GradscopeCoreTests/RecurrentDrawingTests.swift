import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks

/// A fresh Elman, LSTM and GRU network for a task (drawn through ``RecurrentParameters/drawn``, the
/// gated ones through ``GatedRecurrentNetwork``) holds exactly the weights drawn by hand from the
/// same seed in the order W, U, V, and the documented biases; `converted(to:)` rounds every number
/// once; the element-wise and the whole-parameters initializers build equal networks.
@Suite struct RecurrentDrawingTests {
    static let task = TemporalOrderProblem(length: 10)   // I = 6, O = 4
    static let initializations: [RecurrentInitialization] = [.sigmoid, .basicTanh, .smartTanh, .identity, .recurrent(.orthogonal()),
                                                             .recurrent(.xavierNormal(gain: 1.5))]

    /// W (G·H × H), U (G·H × I), V (O × H) drawn one after the other from `seed`, as the groups' numbers.
    static func byHand(_ initialization: RecurrentInitialization, gates: Int, hiddenSize h: Int, seed: UInt64) -> [[Double]] {
        var rng = Xoshiro256StarStar(seed: seed)
        let w = initialization.recurrentWeights(rows: gates * h, columns: h, using: &rng)
        let u = initialization.otherWeights(rows: gates * h, columns: task.inputSize, using: &rng)
        let v = initialization.otherWeights(rows: task.outputSize, columns: h, using: &rng)
        return [w.elements, u.elements, v.elements]
    }

    /// The groups' numbers with their bit patterns, so that −0 ≠ 0 and NaN = NaN.
    static func bits(_ groups: [[Double]]) -> [[UInt64]] { groups.map { $0.map(\.bitPattern) } }

    @Test("Elman: W, U, V as drawn by hand, c = 0, d = 0, h_0 = 0", arguments: initializations)
    func elman(initialization: RecurrentInitialization) {
        var rng = Xoshiro256StarStar(seed: 11)
        let net = ElmanNetwork<Double>(task: Self.task, hiddenSize: 3, activation: .tanh, initialization: initialization, using: &rng)
        let (w, u, v) = Self.byHand(initialization, gates: 1, hiddenSize: 3, seed: 11).triple
        #expect(Self.bits(net.parameters.values) == Self.bits([w, u, [0, 0, 0], v, [0, 0, 0, 0]]))
        #expect(net.parameters.names == ["W", "U", "c", "V", "d"])
        #expect(net.initialState == [0, 0, 0])
        #expect(net.activation == .tanh)
        let rebuilt = ElmanNetwork(cell: net.cell, readoutWeights: net.readoutWeights, readoutBias: net.readoutBias, loss: net.loss)
        #expect(rebuilt == net)
    }

    @Test("LSTM: Wh, Wx, V as drawn by hand, b = 0 but the forget gate's 1, d = 0", arguments: initializations)
    func lstm(initialization: RecurrentInitialization) {
        var rng = Xoshiro256StarStar(seed: 12)
        let net = LSTMNetwork<Double>(task: Self.task, hiddenSize: 2, initialization: initialization, using: &rng)
        let (w, u, v) = Self.byHand(initialization, gates: 4, hiddenSize: 2, seed: 12).triple
        #expect(Self.bits(net.parameters.values) == Self.bits([w, u, [0, 0, 1, 1, 0, 0, 0, 0], v, [0, 0, 0, 0]]))
        #expect(net.parameters.names == ["Wh", "Wx", "b", "V", "d"])
        let rebuilt = LSTMNetwork(recurrentWeights: net.recurrentWeights, inputWeights: net.inputWeights, bias: net.bias,
                                  readoutWeights: net.readoutWeights, readoutBias: net.readoutBias, loss: net.loss)
        #expect(rebuilt == net)
        #expect(LSTMNetwork(net.recurrentParameters, loss: net.loss) == net)
    }

    @Test("GRU: Wh, Wx, V as drawn by hand, bx = bh = 0, d = 0", arguments: initializations)
    func gru(initialization: RecurrentInitialization) {
        var rng = Xoshiro256StarStar(seed: 13)
        let net = GRUNetwork<Double>(task: Self.task, hiddenSize: 2, initialization: initialization, using: &rng)
        let (w, u, v) = Self.byHand(initialization, gates: 3, hiddenSize: 2, seed: 13).triple
        let zeros = [Double](repeating: 0, count: 6)
        #expect(Self.bits(net.parameters.values) == Self.bits([w, u, zeros, zeros, v, [0, 0, 0, 0]]))
        #expect(net.parameters.names == ["Wh", "Wx", "bx", "bh", "V", "d"])
        let rebuilt = GRUNetwork(recurrentWeights: net.recurrentWeights, inputWeights: net.inputWeights, inputBias: net.inputBias,
                                 recurrentBias: net.recurrentBias, readoutWeights: net.readoutWeights, readoutBias: net.readoutBias, loss: net.loss)
        #expect(rebuilt == net)
        #expect(GRUNetwork(net.recurrentParameters, loss: net.loss) == net)
    }

    @Test("converted(to: Float) rounds every number of every group once, and keeps names, φ, h_0 and the loss")
    func converted() {
        var rng = Xoshiro256StarStar(seed: 14)
        var elman = ElmanNetwork<Double>(task: Self.task, hiddenSize: 3, activation: .relu, initialization: .basicTanh, using: &rng)
        elman.initialState = [0.1, -0.2, 1e-50]
        let lstm = LSTMNetwork<Double>(task: Self.task, hiddenSize: 2, initialization: .basicTanh, using: &rng)
        let gru = GRUNetwork<Double>(task: Self.task, hiddenSize: 2, initialization: .basicTanh, using: &rng)
        func rounded(_ groups: ParameterGroups<Double>) -> [[UInt32]] { groups.values.map { $0.map { Float($0).bitPattern } } }
        func bits(_ groups: ParameterGroups<Float>) -> [[UInt32]] { groups.values.map { $0.map(\.bitPattern) } }
        let e = elman.converted(to: Float.self), l = lstm.converted(to: Float.self), g = gru.converted(to: Float.self)
        #expect(bits(e.parameters) == rounded(elman.parameters))
        #expect(bits(l.parameters) == rounded(lstm.parameters))
        #expect(bits(g.parameters) == rounded(gru.parameters))
        #expect(e.initialState.map(\.bitPattern) == [Float(0.1).bitPattern, Float(-0.2).bitPattern, Float(0).bitPattern])
        #expect(e.activation == .relu && e.loss == elman.loss && e.parameters.names == elman.parameters.names)
        #expect(l.loss == lstm.loss && l.parameters.names == lstm.parameters.names)
        #expect(g.loss == gru.loss && g.parameters.names == gru.parameters.names)
    }
}

private extension Array where Element == [Double] {
    /// The three groups drawn by hand.
    var triple: ([Double], [Double], [Double]) { (self[0], self[1], self[2]) }
}
