import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks

/// The one training loop with a hand-made problem: two parameters θ = (θ_1, θ_2) in two groups, a
/// scripted loss and scripted gradients per step, so every record is known exactly. Expected values
/// are Python's IEEE doubles (the same operations written out), e.g. PyTorch's coefficient
/// `min(1, 1·(1/(5 + 1e−6)))` = 0.199999960000008 and Pascanu's step size `0.1·(1/5)` = 0.020000000000000004.
@Suite struct TrainingLoopTests {
    /// What the tiny problem reports each step.
    struct Record: Equatable {
        var step: Int
        var loss: Double
        var gradientNorm: Double
        var clipped: Bool
        var skipped: Bool
        var lossScale: Double?
        var parameters: [Double]
    }

    /// θ starts at (1, 2); step k's loss is `losses[k−1]` (1 after the script) and its gradients
    /// `gradients[k−1]` (the last ones after the script), handed back multiplied by the loss scale.
    struct TinyProblem: TrainingProblem {
        var parameters = ParameterGroups<Double>(names: ["θ_1", "θ_2"], values: [[1], [2]])
        var losses: [Double] = []
        var gradients: [[Double]] = [[3, 4]]
        var keepsParameters = false
        var replayedSteps: [Int] = []
        var drawnSteps: [Int] = []

        var keepsParametersAfterNonFiniteLoss: Bool { keepsParameters }

        mutating func inputs(forStep step: Int) -> Int {
            drawnSteps.append(step)
            return step
        }

        func lossAndGradients(on step: Int, step _: Int, lossScale: Double?) -> (loss: Double, gradients: ParameterGroups<Double>) {
            let g = gradients[min(step, gradients.count) - 1]
            let scale = lossScale ?? 1
            return (step <= losses.count ? losses[step - 1] : 1, ParameterGroups(names: ["θ_1", "θ_2"], values: [[g[0] * scale], [g[1] * scale]]))
        }

        mutating func update(along direction: ParameterGroups<Double>, scale: Double) {
            parameters.subtract(direction, scaledBy: scale)
        }

        var parametersAreFinite: Bool { parameters.isFinite }

        func record(of outcome: StepOutcome<Double>, inputs: Int) -> Record {
            Record(step: outcome.step, loss: outcome.loss, gradientNorm: outcome.gradientNorm, clipped: outcome.clipped,
                   skipped: outcome.skipped, lossScale: outcome.lossScale, parameters: parameters.values.flatMap { $0 })
        }

        mutating func replay(_ outcome: StepOutcome<Double>, inputs: Int, record: Record, optimizerState: OptimizerState<Double>?) {
            replayedSteps.append(outcome.step)
        }
    }

    func makeLoop(_ problem: TinyProblem = TinyProblem(), steps: Int, rule: UpdateRule, scaler: GradScaler? = nil,
              stopRule: TrainingLoop<TinyProblem>.StopRule = .nanLoss) -> TrainingLoop<TinyProblem> {
        TrainingLoop(problem: problem, steps: steps, rule: rule, gradScaler: scaler, stopRule: stopRule)
    }

    @Test("No clipping: θ ← θ − η·g each step, the per-group norm 5 reported, every step's inputs drawn once")
    func plain() {
        var loop = makeLoop(steps: 2, rule: UpdateRule(learningRate: 0.1))
        let run = loop.run()
        #expect(run.ending == .completed)
        #expect(run.records == [
            Record(step: 1, loss: 1, gradientNorm: 5, clipped: false, skipped: false, lossScale: nil, parameters: [1 - 0.1 * 3, 2 - 0.1 * 4]),
            Record(step: 2, loss: 1, gradientNorm: 5, clipped: false, skipped: false, lossScale: nil,
                   parameters: [(1 - 0.1 * 3) - 0.1 * 3, (2 - 0.1 * 4) - 0.1 * 4]),
        ])
        #expect(loop.problem.drawnSteps == [1, 2])
        #expect(loop.problem.replayedSteps == [])
    }

    @Test("PyTorch's rule: g ← g·min(1, 1·(1/(‖g‖ + 1e−6))), then θ ← θ − η·g")
    func pytorchClipping() {
        var loop = makeLoop(steps: 1, rule: UpdateRule(learningRate: 0.1, clipping: .norm(max: 1)))
        let run = loop.run()
        #expect(run.records == [
            Record(step: 1, loss: 1, gradientNorm: 5, clipped: true, skipped: false, lossScale: nil,
                   parameters: [0.9400000119999976, 1.9200000159999968]),
        ])
    }

    @Test("Pascanu's rule: above the threshold one step size η·(c/‖g‖) = 0.020000000000000004; at or below it no clipping")
    func pascanuClipping() {
        let rule = UpdateRule(learningRate: 0.1, clipping: .norm(.pascanu(threshold: 1)), normMeasure: .summedInDouble)
        var above = makeLoop(steps: 2, rule: rule)
        #expect(above.run().records == [
            Record(step: 1, loss: 1, gradientNorm: 5, clipped: true, skipped: false, lossScale: nil, parameters: [0.94, 1.92]),
            Record(step: 2, loss: 1, gradientNorm: 5, clipped: true, skipped: false, lossScale: nil,
                   parameters: [0.8799999999999999, 1.8399999999999999]),
        ])
        var below = makeLoop(TinyProblem(gradients: [[0.3, 0.4]]), steps: 1, rule: rule)
        let record = below.run().records[0]
        #expect(record.clipped == false && record.parameters == [0.97, 1.96])
        #expect(record.gradientNorm == (0.3 * 0.3 + 0.4 * 0.4).squareRoot())
    }

    @Test("Clipping by value: each g clamped into [−3.5, 3.5], so only θ_2 moves less")
    func valueClipping() {
        var loop = makeLoop(steps: 1, rule: UpdateRule(learningRate: 0.1, clipping: .value(3.5)))
        #expect(loop.run().records[0].parameters == [1 - 0.1 * 3, 2 - 0.1 * 3.5])
    }

    @Test("AMP: an Inf gradient skips the update and halves S; the clean steps unscale g·S exactly")
    func scalerSkips() {
        let problem = TinyProblem(gradients: [[3, 4], [.infinity, 4], [3, 4]])
        var loop = makeLoop(problem, steps: 3, rule: UpdateRule(learningRate: 0.5), scaler: GradScaler(scale: 8))
        let run = loop.run()
        #expect(run.ending == .completed)
        #expect(run.records.map(\.lossScale) == [8, 8, 4])
        #expect(run.records.map(\.skipped) == [false, true, false])
        #expect(run.records.map(\.parameters) == [[-0.5, 0], [-0.5, 0], [-2, -2]])
        #expect(run.records[1].gradientNorm == .infinity)
        #expect(loop.gradScaler?.scale == 4 && loop.gradScaler?.growthTracker == 1)
    }

    @Test("The observer's .stop ends the run after that step's record")
    func observerStops() {
        var loop = makeLoop(steps: 5, rule: UpdateRule(learningRate: 0.1))
        let run = loop.run { $0.step == 2 ? .stop : .proceed }
        #expect(run.ending == .stopped)
        #expect(run.records.map(\.step) == [1, 2])
        #expect(loop.problem.replayedSteps == [])
    }

    @Test("A NaN loss ends the run at that step; the replay hook is called once, on step 3")
    func nanLossEnds() {
        var loop = makeLoop(TinyProblem(losses: [1, 0.5, .nan, 1]), steps: 5, rule: UpdateRule(learningRate: 0.1))
        var seen: [Int] = []
        let run = loop.run { seen.append($0.step); return .proceed }
        #expect(run.ending == .nanLoss)
        #expect(run.records.map(\.step) == [1, 2, 3] && seen == [1, 2, 3])
        #expect(loop.problem.replayedSteps == [3])
    }

    @Test("Under the NaN-loss rule the observer's stop comes first (no replay); a non-finite step ends the run whatever the observer says")
    func ruleOrder() {
        var nan = makeLoop(TinyProblem(losses: [1, .nan]), steps: 3, rule: UpdateRule(learningRate: 0.1))
        #expect(nan.run { $0.step == 2 ? .stop : .proceed }.ending == .stopped)
        #expect(nan.problem.replayedSteps == [])

        let problem = TinyProblem(gradients: [[3, 4], [.infinity, 4]])
        var nonFinite = makeLoop(problem, steps: 4, rule: UpdateRule(learningRate: 0.1), stopRule: .nonFiniteStep)
        let run = nonFinite.run { $0.step == 2 ? .stop : .proceed }
        #expect(run.ending == .nonFinite)
        #expect(run.records.map(\.step) == [1, 2])
        #expect(nonFinite.problem.replayedSteps == [2])
    }

    @Test("Never stopping: a NaN loss runs on to the last step, and nothing is replayed")
    func neverStops() {
        var loop = makeLoop(TinyProblem(losses: [.nan]), steps: 3, rule: UpdateRule(learningRate: 0.1), stopRule: .never)
        let run = loop.run()
        #expect(run.ending == .completed && run.records.count == 3 && loop.problem.replayedSteps == [])
    }

    @Test("A problem that keeps its parameters after a non-finite loss: no update, not skipped, S unchanged, the run ends there")
    func nonFiniteLossKeepsParameters() {
        let problem = TinyProblem(losses: [1, .infinity], gradients: [[3, 4], [.nan, 4]], keepsParameters: true)
        var loop = makeLoop(problem, steps: 3, rule: UpdateRule(learningRate: 0.5), scaler: GradScaler(scale: 8), stopRule: .nonFiniteStep)
        let run = loop.run()
        #expect(run.ending == .nonFinite)
        #expect(run.records.map(\.skipped) == [false, false])
        #expect(run.records.map(\.parameters) == [[-0.5, 0], [-0.5, 0]])
        #expect(loop.gradScaler?.scale == 8)
        #expect(loop.problem.replayedSteps == [2])
    }

    @Test("Adam, one step: the bias-corrected direction of c·g is sign(g), so θ moves by η (up to ε)")
    func adamStep() {
        var loop = makeLoop(steps: 1, rule: UpdateRule(learningRate: 0.1, method: .adam()))
        let parameters = loop.run().records[0].parameters
        // m = (1 − β₁)·g, v = (1 − β₂)·g·g, m̂ = m/(1 − β₁), v̂ = v/(1 − β₂), d = m̂/(√v̂ + ε), θ ← θ − η·d.
        let m = (1 - 0.9) * 3.0, v = (1 - 0.999) * 3.0 * 3.0
        let d1 = (m / (1 - 0.9)) / ((v / (1 - 0.999)).squareRoot() + 1e-8)
        #expect(parameters[0] == 1 - 0.1 * d1)
        #expect(abs(parameters[0] - 0.9) < 1e-8 && abs(parameters[1] - 1.9) < 1e-8)
    }

    @Test("ScaledTrainer through the loop: the observer's stop at step 3 keeps the first 3 steps of the full run, bit for bit")
    func scaledTrainerStops() throws {
        let network = MLPNetwork(width: 4, depth: 3, activation: .tanh)
        let data = RegressionData(xs: [-1, -0.5, 0, 0.5, 1], targets: [0, 0.25, 0.5, 0.75, 1])
        var rng = Xoshiro256StarStar(seed: 7)
        let initial = network.initialParameters(using: &rng)
        let trainer = ScaledTrainer(network: network, data: data,
                                    configuration: ScaledTrainingConfiguration(recipe: .current(margin: 0), steps: 6, learningRate: 0.05))
        let full = trainer.run(from: initial)
        var seen: [Int] = []
        let stopped = trainer.run(from: initial) { seen.append($0.step); return $0.step == 3 ? .stop : .proceed }
        #expect(full.run.ending == TrainingRun.Ending.completed && full.steps.count == 6)
        #expect(stopped.run.ending == TrainingRun.Ending.stopped && seen == [1, 2, 3])
        #expect(stopped.steps == Array(full.steps.prefix(3)))
        #expect(stopped.run.steps == Array(full.run.steps.prefix(3)))
    }
}
