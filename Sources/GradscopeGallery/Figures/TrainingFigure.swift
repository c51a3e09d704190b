import Foundation
import GradscopeCharts
import GradscopeCore

/// Training on the adding problem: which models get well below the trivial baseline 1/6,
/// and a diverging run stopped with its autopsy, then rescued by clipping. Small budgets
/// (T = 30, a few hundred steps) so that the tour computes them in seconds; `gradscope train`
/// runs the full T = 100 versions.
enum TrainingFigure {
    /// One configured run on the adding problem.
    struct Setup {
        var name: String
        var network: Network
        var sgd: RecurrentSGD
        var steps: Int

        enum Network {
            case elman(hidden: Int, activation: Activation, initialization: RecurrentInitialization)
            case lstm(hidden: Int, initialization: RecurrentInitialization)
        }

        /// Trains in Float; returns the run and Pascanu's conditions of the initial recurrent matrix.
        func train(task: AddingProblem, seed: UInt64 = 0) -> RecurrentTrainingRun {
            var rng = Xoshiro256StarStar(seed: seed)
            let configuration = RecurrentTrainingConfiguration(steps: steps, batchSize: 32, sgd: sgd, seed: seed, testSize: 500,
                                                               evaluationInterval: max(steps / 10, 1))
            switch network {
            case .elman(let hidden, let activation, let initialization):
                let net = ElmanNetwork<Double>(task: task, hiddenSize: hidden, activation: activation, initialization: initialization, using: &rng)
                    .converted(to: Float.self)
                var trained = net
                return RecurrentTrainer(network: net, task: task, configuration: configuration).run(trained: &trained)
            case .lstm(let hidden, let initialization):
                let net = LSTMNetwork<Double>(task: task, hiddenSize: hidden, initialization: initialization, using: &rng).converted(to: Float.self)
                var trained = net
                return RecurrentTrainer(network: net, task: task, configuration: configuration).run(trained: &trained)
            }
        }
    }

    static let task = AddingProblem(length: 30)

    static let models: [Setup] = [
        Setup(name: "LSTM, Adam, clip 1", network: .lstm(hidden: 16, initialization: .recurrent(.xavierNormal())),
              sgd: RecurrentSGD(learningRate: 0.01, clipThreshold: 1, method: .adam()), steps: 400),
        Setup(name: "IRNN (relu, W = I), Adam, clip 1", network: .elman(hidden: 32, activation: .relu, initialization: .identity),
              sgd: RecurrentSGD(learningRate: 0.001, clipThreshold: 1, method: .adam()), steps: 400),
        Setup(name: "tanh Elman, smart tanh, SGD, clip 1", network: .elman(hidden: 32, activation: .tanh, initialization: .smartTanh),
              sgd: RecurrentSGD(learningRate: 0.01, clipThreshold: 1), steps: 400),
    ]

    /// Which models reach a test MSE ≤ 0.05 (under a third of 1/6).
    static func models(seed: UInt64 = 0) -> Figure {
        let runs = models.map { ($0.name, $0.train(task: task, seed: seed)) }
        var table = DataTable(columns: ["model", "steps", "final_test_mse", "fraction_of_baseline", "reached_0_05", "pascanu_at_start", "gradient_through_time"],
                              headers: ["model", "steps", "final test MSE", "÷ baseline", "≤ 0.05", "Pascanu at start", "gradient through time"])
        var data = DataTable(columns: ["model", "step", "loss", "test_loss", "grad_norm"])
        for (name, run) in runs {
            let test = run.finalTestLoss ?? .nan
            let trend = run.steps.last.map { GradientTrend(stateGradientNorms: $0.stateGradientNorms).summary } ?? ""
            table.append([.text(name), .number(Double(run.steps.count)), .number(test), .number(test / run.baselineLoss),
                          .text(test <= 0.05 ? "yes" : "no"), .text(run.initialConditions?.summary ?? "– (LSTM)"), .text(trend)])
            for s in run.steps { data.append([.text(name), .number(Double(s.step)), .number(s.loss), .number(s.testLoss ?? .nan), .number(s.gradientNorm)]) }
        }
        let reached = runs.filter { ($0.1.finalTestLoss ?? .infinity) <= 0.05 }.map(\.0)
        let stayed = runs.filter { ($0.1.finalTestLoss ?? .infinity) > 0.05 }.map { "\($0.0) (\(NumberText.caption($0.1.finalTestLoss ?? .nan)))" }
        return Figure(
            id: "rnn-adding-models", title: "The adding problem: who gets below the trivial baseline 1/6?",
            explanation: "Two channels of \(task.length) inputs: random values and a marker on one value in each half; the target is the sum of the two marked values. Predicting 1 every time scores an MSE of 1/6, so a model has learnt to carry information across time only well below that. The LSTM's cell path is multiplied by its forget gate alone; the IRNN starts with W = I so that ‖∂h_T/∂h_t‖ neither vanishes nor explodes at first.",
            charts: [RecurrentCharts.loss(runs.map { (name: $0.0, run: $0.1) }, title: "Adding problem, T = \(task.length): loss against the baseline 1/6")],
            table: table,
            caption: "Reached a test MSE ≤ 0.05 in \(models[0].steps) steps: \(reached.isEmpty ? "none" : reached.joined(separator: ", ")). Stayed above: \(stayed.isEmpty ? "none" : stayed.joined(separator: ", ")). `gradscope train --task adding --length 100` runs the same models at T = 100.",
            data: data)
    }

    /// A relu Elman network with W = 1.2·I and plain SGD: the states grow as 1.2^t (10^8 over
    /// 100 inputs), the gradients with them, one update throws W to 1e11 and the next forward
    /// pass overflows; the same run clipped at 1 stays finite.
    static func divergence(seed: UInt64 = 0) -> Figure {
        let network = Setup.Network.elman(hidden: 32, activation: .relu, initialization: .recurrent(.identity(scale: 1.2)))
        let plain = Setup(name: "relu, W = 1.2·I, SGD lr 0.01", network: network, sgd: RecurrentSGD(learningRate: 0.01), steps: 200)
        let clipped = Setup(name: "the same, clipped at 1", network: network, sgd: RecurrentSGD(learningRate: 0.01, clipThreshold: 1), steps: 200)
        let task = AddingProblem(length: 100)
        let baseRun = plain.train(task: task, seed: seed), clipRun = clipped.train(task: task, seed: seed)
        var table = DataTable(columns: ["run", "steps_run", "ending", "first_inf", "first_nan", "max_grad_norm", "final_test_mse"],
                              headers: ["run", "steps run", "ending", "first Inf", "first NaN", "max ‖∂L/∂θ‖", "final test MSE"])
        for (name, run) in [(plain.name, baseRun), (clipped.name, clipRun)] {
            table.append([.text(name), .number(Double(run.steps.count)), .text(run.ending.rawValue),
                          .text(run.firstInfinity?.place ?? "–"), .text(run.firstNaN?.place ?? "–"),
                          .number(run.steps.map(\.gradientNorm).max() ?? .nan), .number(run.finalTestLoss ?? .nan)])
        }
        var data = DataTable(columns: ["run", "step", "loss", "grad_norm", "clipped"])
        for (name, run) in [(plain.name, baseRun), (clipped.name, clipRun)] {
            for s in run.steps { data.append([.text(name), .number(Double(s.step)), .number(s.loss), .number(s.gradientNorm), .text(String(s.clipped))]) }
        }
        var charts: [any SVGChart & TerminalChart] = [RecurrentCharts.gradientNorm([(plain.name, baseRun), (clipped.name, clipRun)])]
        if let heatmap = RecurrentCharts.stateGradientHeatmap(clipRun, title: "‖∂L/∂h_t‖ of the clipped run") { charts.append(heatmap) }
        var sentences: [String] = []
        if baseRun.ending == .nonFinite {
            sentences.append("Unclipped, the run stopped at step \(baseRun.steps.count).")
            if let a = baseRun.firstInfinity { sentences.append(a.summary) }
            if let a = baseRun.firstNaN { sentences.append(a.summary) }
        } else {
            sentences.append("Unclipped, the run stayed finite for \(baseRun.steps.count) steps this time.")
        }
        sentences.append(clipRun.ending == .completed
            ? "Clipped at 1 it stayed finite for all \(clipRun.steps.count) steps (test MSE \(NumberText.caption(clipRun.finalTestLoss ?? .nan)) against 1/6)."
            : "Clipped at 1 it still ended \(clipRun.ending.rawValue) at step \(clipRun.steps.count).")
        return Figure(
            id: "rnn-adding-divergence", title: "A diverging RNN stopped with its autopsy, and rescued by clipping",
            explanation: "A relu RNN whose recurrent matrix is 1.2·I multiplies its state, and its gradient through time, by 1.2 per step: over 100 inputs that is 10^8. Plain SGD takes one enormous step and the next forward pass overflows. Pascanu et al.'s clipping rescales any step whose gradient norm exceeds the threshold, so the same start stays finite.",
            charts: charts, table: table, caption: sentences.joined(separator: " "), data: data)
    }
}

extension Tour {
    /// The ids of the recurrent figures, in order.
    public static let recurrentFigureIDs = ["rnn-adding-models", "rnn-adding-divergence"]

    /// The recurrent-network figures beyond the seed: the adding problem's models against the
    /// baseline 1/6, and a diverging run stopped with its autopsy and rescued by clipping.
    public static func recurrentFigures() -> [Figure] {
        [TrainingFigure.models(), TrainingFigure.divergence()]
    }
}
