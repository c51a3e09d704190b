import Testing
import GradscopeCore
@testable import GradscopeGallery

/// The rules the CLI used to hold, now the experiments' own: work limits, the autopsy's words and its step log.
@Suite struct SettingsRulesTests {
    @Test("train: the work limit is a settings rule, one sentence with the cost and the limit")
    func trainWork() {
        var settings = TrainExperiment.Settings()
        settings.steps = 100_000
        #expect(throws: SettingsError(setting: nil, "Training 100000 steps × 100 × 32 sequences × 64² units is 3932160000000 multiply-adds; "
                                      + "the limit is 1000000000000. Lower \(setting: "steps"), \(setting: "length"), \(setting: "batch") or \(setting: "hidden").")) { try settings.validate() }
        settings.steps = 1000
        #expect(throws: Never.self) { try settings.validate() }
    }

    @Test("autopsy: operations = runs × steps × points × layers × 10 for a chain; records = runs × steps × (32·layers + 200) bytes")
    func autopsyWork() {
        func settings(depth: Int, points: Int, remedies: [Remedy]) -> AutopsyExperiment.Settings {
            let network = ChainNetwork(chain: Chain(activation: .tanh, weight: 8, bias: 0, depth: depth))
            let data = RegressionData(xs: Array(repeating: 1, count: points), targets: Array(repeating: 0, count: points))
            return AutopsyExperiment.Settings(autopsyCase: AutopsyCase(network: network, data: data, precision: .float32,
                                                                       configuration: TrainingConfiguration(steps: 1_000_000, learningRate: 0.01)),
                                              remedies: remedies)
        }
        // 2 runs × 1e6 steps × 3 points × 100 layers × 10 = 6e9 operations.
        #expect(throws: SettingsError(setting: nil, "This autopsy (2 runs × 1000000 steps × 3 points × 100 layers) is 6000000000 operations; the limit is 500000000. "
                                      + "Lower \(setting: "steps"), \(setting: "depth"), \(setting: "points") or the number of \(setting: "remedies").")) {
            try settings(depth: 100, points: 3, remedies: [.clipNorm(1)]).validate()
        }
        // Records: 2 × 1e6 × (32 + 200) bytes = 464 MB is accepted; 3 runs, 696 MB, are refused (their work, 3e7, is within its limit).
        #expect(throws: Never.self) { try settings(depth: 1, points: 1, remedies: [.clipNorm(1)]).validate() }
        #expect(throws: SettingsError(setting: nil, "The per-step records of 3 runs × 1000000 steps × 1 layers needs about 696 MB of memory; the limit is 500 MB. "
                                      + "Lower \(setting: "steps") or \(setting: "depth"), or replay fewer \(setting: "remedies").")) {
            try settings(depth: 1, points: 1, remedies: [.clipNorm(1), .clipNorm(2)]).validate()
        }
    }

    @Test("The autopsy's grid: points evenly spaced over x, 0 added when the range spans it; one x for a point range")
    func grid() {
        var data = AutopsyExperiment.DataSettings()
        data.points = 4
        // lower + (upper − lower)·i/(points − 1), exactly as written: −1 + 2·1/3 is −0.33333333333333337.
        let width = 2.0, steps = 3.0
        let expected: [Double] = [-1, -1 + width * 1 / steps, 0, -1 + width * 2 / steps, 1]
        #expect(data.xs == expected)
        data.x = -2...1
        data.points = 4
        #expect(data.xs == [-2, -1, 0, 1])
        data.x = 0.5...0.5
        #expect(data.xs == [0.5])
    }

    @Test("The autopsy's words: a formula's error keeps its setting; a chain's depth has its own range")
    func networkWords() throws {
        var network = AutopsyExperiment.NetworkSettings()
        network.model = .formula
        network.formula = "tanh(w*x)"
        #expect(throws: SettingsError.self) { try network.network() }
        do { _ = try network.network() } catch {
            #expect(error.setting == "formula" && error.formula?.unvaluedParameter == "w")
        }
        network.parameters = ["w": 8]
        #expect(try network.network().groupNames == ["w"])
        network.model = .chain
        network.depth = 0
        #expect(throws: SettingsError(setting: "depth", "must be between 1 and 10000 for a chain, got 0.")) { try network.network() }
    }

    @Test("The autopsy's step log: the header of a two-layer chain")
    func stepLog() throws {
        let network = ChainNetwork(chain: Chain(activation: .tanh, weight: 1, bias: 0, depth: 2))
        let settings = AutopsyExperiment.Settings(autopsyCase: AutopsyCase(network: network, data: RegressionData(xs: [1], targets: [0]), precision: .float64,
                                                                           configuration: TrainingConfiguration(steps: 1, learningRate: 0.01)),
                                                  remedies: [.none])
        let log = try AutopsyExperiment(settings: settings).stepLog
        #expect(log.header == "run,step,loss,grad_norm,param_norm,loss_scale,skipped,params_finite,"
                + "grad_norm_layer_1,grad_norm_layer_2,param_norm_layer_1,param_norm_layer_2")
    }
}
