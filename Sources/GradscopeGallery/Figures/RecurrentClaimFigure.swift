import Foundation
import RealModule
import GradscopeCharts
import GradscopeCore

/// S7: "even a weight of 0.7 would explode after enough inputs", checked with ``ElmanCell``'s
/// Jacobian products.
///
/// The gradient through T steps of `h_t = φ(W·h_{t−1})` is the Jacobian product
/// `∂h_T/∂h_0 = Π_t diag(φ'(a_t))·W`. For one unit its size is at most
/// `Π |0.7·φ'(a_t)| ≤ 0.7^T`: it vanishes. With n units whose weights are all 0.7
/// the matrix has spectral radius 0.7·n; it explodes only while the slopes stay near 1.
enum RecurrentClaimFigure {
    struct Run {
        var name: String
        var units: Int
        var activation: Activation
        /// log10 ‖∂h_t/∂h_0‖_F for t = 1…T.
        var log10Norms: [Double]
    }

    /// The cell `h_t = φ(0.7·𝟙𝟙ᵀ·h_{t−1})` of n units without input.
    static func cell<T: GradFloat>(units n: Int, activation: Activation, weight: Double = 0.7, as _: T.Type = T.self) -> ElmanCell<T> {
        ElmanCell(activation: activation, recurrentWeights: Matrix(rows: n, columns: n, repeating: T(weight)),
                  inputWeights: Matrix(rows: n, columns: 0), bias: [T](repeating: 0, count: n))
    }

    /// log10 ‖∂h_t/∂h_0‖_F for t = 1…steps from `h_0 = 0.01·𝟙` (``ElmanCell/log10StateJacobianNorms(from:inputs:)``).
    static func run(units n: Int, activation: Activation, steps: Int, weight: Double = 0.7) -> [Double] {
        cell(units: n, activation: activation, weight: weight, as: Double.self)
            .log10StateJacobianNorms(from: [Double](repeating: 0.01, count: n), inputs: Array(repeating: [], count: steps))
    }

    /// The first step at which the same product, computed in Float32, has an Inf (nil if never).
    static func float32OverflowStep(units n: Int, activation: Activation, steps: Int) -> Int? {
        let jacobians = cell(units: n, activation: activation, as: Float.self)
            .stateJacobians(from: [Float](repeating: 0.01, count: n), inputs: Array(repeating: [], count: steps))
        return jacobians.firstIndex { !$0.elements.allSatisfy(\.isFinite) }.map { $0 + 1 }
    }

    static func make(steps: Int = 120) -> Figure {
        let runs = [
            Run(name: "1 unit, tanh", units: 1, activation: .tanh, log10Norms: run(units: 1, activation: .tanh, steps: steps)),
            Run(name: "4 units, tanh", units: 4, activation: .tanh, log10Norms: run(units: 4, activation: .tanh, steps: steps)),
            Run(name: "4 units, relu", units: 4, activation: .relu, log10Norms: run(units: 4, activation: .relu, steps: steps)),
        ]
        let colours: [Colour] = ["#1F77B4", "#FF7F0E", "#8B0000"]
        let ts = (1...steps).map(Double.init)
        let chart = LineChart(
            title: "log10 ‖∂h_T/∂h_0‖ with every weight 0.7, h_0 = 0.01", xLabel: "time step T", yLabel: "log10 ‖∂h_T/∂h_0‖",
            series: zip(runs, colours).map { Series(name: $0.name, xs: ts, ys: $0.log10Norms, colour: $1) },
            markers: [MarkerLine(y: Double.log10(Double(Float.greatestFiniteMagnitude)), label: "Float32 max 3.4e38")])
        let overflow = float32OverflowStep(units: 4, activation: .relu, steps: steps)
        var table = DataTable(columns: ["network", "spectral_radius", "log10_norm_at_10", "log10_norm_at_\(steps)", "float32_overflow_step"],
                              headers: ["network", "spectral radius", "log10 ‖∂h_10/∂h_0‖", "log10 ‖∂h_\(steps)/∂h_0‖", "Float32 overflow step"])
        for r in runs {
            let radius = 0.7 * Double(r.units)
            let step: DataTable.Cell = r.activation == .relu ? (overflow.map { .number(Double($0)) } ?? "never") : "never"
            table.append([.text(r.name), .number(radius), .number(r.log10Norms[9]), .number(r.log10Norms[steps - 1]), step])
        }
        var data = DataTable(columns: ["step"] + runs.map { $0.name.replacingOccurrences(of: ", ", with: "_").replacingOccurrences(of: " ", with: "_") })
        for t in 0..<steps { data.append([.number(Double(t + 1))] + runs.map { .number($0.log10Norms[t]) }) }
        let single = runs[0].log10Norms, tanh4 = runs[1].log10Norms, relu4 = runs[2].log10Norms
        let tanhPeak = tanh4.indices.max { tanh4[$0] < tanh4[$1] }!
        return Figure(
            id: "s7-rnn-weight-0-7", system: .s7Rnn, title: "Does a weight of 0.7 explode after enough inputs?",
            explanation: "The post ends: \"even a weight of 0.7 would explode after enough inputs\". An RNN unrolled over T inputs is a T-layer network, and its gradient is a product of T factors w·φ'(a). For a single unit every factor is at most 0.7 in size (|φ'| ≤ 1 for tanh), so the product can only shrink: the claim is wrong for one unit. With several units the factor is a matrix: four units whose weights are all 0.7 have spectral radius 2.8, and then it depends on the activation's slope.",
            charts: [chart], table: table,
            caption: "One tanh unit: ‖∂h_T/∂h_0‖ falls to 10^\(NumberText.caption(single[steps - 1])) after \(steps) steps — it vanishes, as 0.7^T must. Four relu units (radius 2.8): it grows as 2.8^T and a Float32 run overflows at step \(overflow.map(String.init) ?? "never"). Four tanh units: it grows only while the state is small (to 10^\(NumberText.caption(tanh4[tanhPeak])) at step \(tanhPeak + 1)), then the units saturate and it vanishes (10^\(NumberText.caption(tanh4[steps - 1])) at step \(steps)). The post is right for several units in the near-linear regime, not for one. (relu at step 10: 10^\(NumberText.caption(relu4[9])).)",
            data: data)
    }
}
