import Foundation
import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks

/// The parameter plumbing the Elman, LSTM and GRU networks share (``RecurrentParameters``,
/// ``ParameterizedRecurrentNetwork``): groups in gradient order round-trip through `parameters`,
/// the named accessors read the same numbers, and a group of another shape is refused with a
/// sentence naming it.
@Suite struct RecurrentParametersTests {
    static let task = TemporalOrderProblem(length: 10)   // I = 6, O = 4

    static func elman() -> ElmanNetwork<Double> {
        var rng = Xoshiro256StarStar(seed: 5)
        return ElmanNetwork(task: task, hiddenSize: 3, activation: .tanh, initialization: .recurrent(.xavierNormal(gain: 1)), using: &rng)
    }

    static func lstm() -> LSTMNetwork<Double> {
        var rng = Xoshiro256StarStar(seed: 6)
        return LSTMNetwork(task: task, hiddenSize: 2, initialization: .recurrent(.xavierNormal(gain: 1)), using: &rng)
    }

    static func gru() -> GRUNetwork<Double> {
        var rng = Xoshiro256StarStar(seed: 7)
        return GRUNetwork(task: task, hiddenSize: 2, initialization: .recurrent(.xavierNormal(gain: 1)), using: &rng)
    }

    /// Groups of the network's shape whose numbers are all new: group g, element k is g + k/1000.
    static func fresh(like groups: ParameterGroups<Double>) -> ParameterGroups<Double> {
        ParameterGroups(names: groups.names, values: groups.values.enumerated().map { g, values in
            values.indices.map { Double(g) + Double($0) / 1000 }
        })
    }

    /// Sets fresh groups, reads them back, and returns what the network's named accessors show.
    static func roundTrip<N: ParameterizedRecurrentNetwork>(_ network: N) -> (set: ParameterGroups<Double>, got: ParameterGroups<Double>, net: N)
        where N.Scalar == Double {
        var net = network
        let groups = fresh(like: net.parameters)
        net.parameters = groups
        return (groups, net.parameters, net)
    }

    @Test("Elman: W, U, c, V, d set then got are the same groups, and the cell and readout show them")
    func elmanRoundTrip() {
        let (set, got, net) = Self.roundTrip(Self.elman())
        #expect(got == set)
        #expect(got.names == ["W", "U", "c", "V", "d"] && got.values.map(\.count) == [9, 18, 3, 12, 4])
        #expect([net.cell.recurrentWeights.elements, net.cell.inputWeights.elements, net.cell.bias, net.readoutWeights.elements, net.readoutBias] == set.values)
        #expect(net.cell.recurrentWeights.rows == 3 && net.cell.inputWeights.columns == 6 && net.readoutWeights.rows == 4)
        #expect(net.hiddenSize == 3 && net.inputSize == 6 && net.outputSize == 4 && net.summary == "tanh Elman RNN, 3 units")
    }

    @Test("LSTM: Wh, Wx, b, V, d set then got are the same groups, and the named matrices show them")
    func lstmRoundTrip() {
        let (set, got, net) = Self.roundTrip(Self.lstm())
        #expect(got == set)
        #expect(got.names == ["Wh", "Wx", "b", "V", "d"] && got.values.map(\.count) == [16, 48, 8, 8, 4])
        #expect([net.recurrentWeights.elements, net.inputWeights.elements, net.bias, net.readoutWeights.elements, net.readoutBias] == set.values)
        #expect(net.recurrentWeights.rows == 8 && net.recurrentWeights.columns == 2 && net.inputWeights.columns == 6)
        #expect(net.recurrentParameters.columns == [2, 6, nil, 2, nil] && net.summary == "LSTM, 2 units")
    }

    @Test("GRU: Wh, Wx, bx, bh, V, d set then got are the same groups, and the named matrices show them")
    func gruRoundTrip() {
        let (set, got, net) = Self.roundTrip(Self.gru())
        #expect(got == set)
        #expect(got.names == ["Wh", "Wx", "bx", "bh", "V", "d"] && got.values.map(\.count) == [12, 36, 6, 6, 8, 4])
        #expect([net.recurrentWeights.elements, net.inputWeights.elements, net.inputBias, net.recurrentBias, net.readoutWeights.elements,
                 net.readoutBias] == set.values)
        #expect(net.recurrentParameters.columns == [2, 6, nil, nil, 2, nil] && net.summary == "GRU, 2 units")
    }

    @Test("A named setter writes its group and leaves the others as they were")
    func namedSetters() {
        var gru = Self.gru()
        let before = gru.parameters
        gru.recurrentBias = [1, 2, 3, 4, 5, 6]
        var expected = before
        expected.values[3] = [1, 2, 3, 4, 5, 6]
        #expect(gru.parameters == expected)
        var elman = Self.elman()
        var cell = elman.cell
        cell.bias = [7, 8, 9]
        elman.cell = cell
        #expect(elman.parameters.values[2] == [7, 8, 9] && elman.parameters.values[0] == Self.elman().parameters.values[0])
    }

    @Test("Groups of another shape are refused with a sentence naming the first group that differs")
    func wrongShapes() {
        let lstm = Self.lstm().recurrentParameters
        var groups = lstm.groups
        groups.values[1].removeLast()
        #expect(lstm.problem(with: groups) == "The parameter group Wx needs 48 values (8×6), got 47.")
        let elman = Self.elman().recurrentParameters
        groups = elman.groups
        groups.values[2].append(0)
        groups.values[4].append(0)
        #expect(elman.problem(with: groups) == "The parameter group c needs 3 values, got 4.")
        groups = elman.groups
        groups.values[4] = [1]
        #expect(elman.problem(with: groups) == "The parameter group d needs 4 values, got 1.")
        let gru = Self.gru().recurrentParameters
        groups = gru.groups
        groups.values.removeLast()
        groups.names.removeLast()
        #expect(gru.problem(with: groups) == "The network has 6 parameter groups (Wh, Wx, bx, bh, V, d), got 5.")
        #expect(gru.problem(with: gru.groups) == nil && lstm.problem(with: Self.fresh(like: lstm.groups)) == nil)
    }

    @Test("Setting a group of another shape stops the program with the sentence that names the group")
    func wrongShapeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var net = RecurrentParametersTests.gru()
            var groups = net.parameters
            groups.values[3] = [0]
            net.parameters = groups
        }
        let message = result.map { String(decoding: $0.standardErrorContent, as: UTF8.self) } ?? ""
        #expect(message.contains("The parameter group bh needs 6 values, got 1."))
    }

    @Test("The three networks' parameters in Float are their Double parameters rounded once, with the same names and columns")
    func converted() {
        let p = Self.gru().recurrentParameters, q = p.converted(to: Float.self)
        #expect(q.names == p.names && q.columns == p.columns && q.values == p.values.map { $0.map { Float($0) } })
        #expect(Self.lstm().converted(to: Float.self).parameters == Self.lstm().parameters.converted(to: Float.self))
        #expect(Self.elman().converted(to: Float.self).parameters == Self.elman().parameters.converted(to: Float.self))
    }
}
