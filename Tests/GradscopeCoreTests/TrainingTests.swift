import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct TrainingTests {
    @Test("Gradient descent lowers the loss of a tanh chain and reports every step")
    func trains() {
        let network = ChainNetwork(chain: Chain(activation: .tanh, weight: 1, bias: 0, depth: 3))
        let data = try! RegressionData(xs: [-1, -0.5, 0, 0.5, 1], target: Formula(parsing: "0.5*x + 0.25"))
        let trainer = Trainer(network: network, data: data, configuration: TrainingConfiguration(steps: 200, learningRate: 0.2))
        var probe = OperationProbe(precision: .float32)
        var rng = SplitMix64(seed: 0)
        var seen: [Int] = []
        let run = trainer.run(in: Float.self, from: network.initialParameters(using: &rng), probe: &probe) { seen.append($0.step); return .proceed }
        #expect(seen == Array(1...200))
        #expect(run.ending == .completed && run.stayedFinite)
        #expect(run.steps.last!.loss < run.steps.first!.loss / 10)
        #expect(run.steps[0].layerGradientNorms.count == 3)
        // The reported norm is the norm of the group norms.
        let s = run.steps[0]
        #expect(abs(s.gradientNorm - s.layerGradientNorms.map { $0 * $0 }.reduce(0, +).squareRoot()) < 1e-6 * s.gradientNorm)
        #expect(probe.firstInfinity == nil && probe.firstNaN == nil)
    }

    @Test("The observer can stop a run")
    func observerStops() {
        let network = ChainNetwork(chain: Chain(activation: .tanh, weight: 1, depth: 2))
        let trainer = Trainer(network: network, data: RegressionData(xs: [0.5], targets: [0.1]),
                              configuration: TrainingConfiguration(steps: 100, learningRate: 0.1))
        var probe = OperationProbe(precision: .float64)
        var rng = SplitMix64(seed: 0)
        let run = trainer.run(in: Double.self, from: network.initialParameters(using: &rng), probe: &probe) { $0.step == 7 ? .stop : .proceed }
        #expect(run.steps.count == 7 && run.ending == .stopped)
    }

    @Test("GradScaler: back-off 0.5 on Inf/NaN, growth 2 after the interval of clean steps")
    func gradScaler() {
        var s = GradScaler(growthInterval: 3)
        #expect(s.scale == 65536)
        s.update(foundNonFinite: true)
        #expect(s.scale == 32768)
        for _ in 0..<2 { s.update(foundNonFinite: false) }
        #expect(s.scale == 32768 && s.growthTracker == 2)
        s.update(foundNonFinite: false)
        #expect(s.scale == 65536 && s.growthTracker == 0)
        #expect(GradScaler().growthInterval == 2000 && GradScaler().growthFactor == 2 && GradScaler().backoffFactor == 0.5)
    }

    @Test("An MLP trains from a fixed seed to a known loss")
    func mlpEndToEnd() throws {
        let network = MLPNetwork(width: 6, depth: 3, activation: .tanh, initializer: .xavierNormal())
        let data = try RegressionData(xs: (0..<11).map { -1 + Double($0) / 5 }, target: Formula(parsing: "sin(3*x)"))
        let trainer = Trainer(network: network, data: data, configuration: TrainingConfiguration(steps: 300, learningRate: 0.1))
        var probe = OperationProbe(precision: .float64)
        var rng = Xoshiro256StarStar(seed: 4)
        let run = trainer.run(in: Double.self, from: network.initialParameters(using: &rng), probe: &probe)
        let again = trainer.run(in: Double.self, from: { var r = Xoshiro256StarStar(seed: 4); return network.initialParameters(using: &r) }(), probe: &probe)
        #expect(run.steps.map(\.loss) == again.steps.map(\.loss))
        #expect(run.finalLoss! < 0.5 * run.steps[0].loss)
        #expect(run.unchangedGroups.isEmpty)
    }

    @Test("Regression data from a formula, and its preconditions")
    func regressionData() throws {
        let data = try RegressionData(xs: [-1, 0, 1], target: Formula(parsing: "0.5*x + c"), parameters: ["c": 0.25, "unused": 3])
        #expect(data.targets == [-0.25, 0.25, 0.75])
        #expect(throws: FormulaError.self) { try RegressionData(xs: [0], target: Formula(parsing: "k*x")) }
    }
}
