import Foundation
import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks

/// FP8 training of the recurrent networks (``RecurrentProductCast``): hand-computed `current`,
/// `delayed` and MX cases, and the exact stand-in reproducing the plain trainer bit for bit.
@Suite struct RecurrentScalingTests {
    static let e4m3 = NarrowFormat.float8E4M3FN
    static let e5m2 = NarrowFormat.float8E5M2

    /// A small Elman network in Float (Xavier weights, nonzero h_0 and biases) and one batch.
    static func elman(hidden: Int, length: Int, batch: Int, seed: UInt64 = 7) -> (ElmanNetwork<Float>, SequenceBatch<Float>) {
        var (net, data) = RecurrentTests.smallElman(.tanh, seed: seed, hidden: hidden, length: length, batch: batch)
        net.readoutBias = [0.1]
        return (net.converted(to: Float.self), data.converted())
    }

    /// q(v) = round(v·s)/s in `format`, in Float32 as the cast computes it.
    static func cast(_ values: [Float], scale: Float, _ format: NarrowFormat) -> [Float] {
        values.map { Float(format.decode(format.encode(Double($0 * scale)))) / scale }
    }

    /// s = max_format / amax / 2^margin.
    static func currentScale(_ values: [Float], _ format: NarrowFormat, margin: Int = 0) -> Float {
        Float(format.greatestFiniteMagnitude) / values.map(\.magnitude).max()! / Float(sign: .plus, exponent: margin, significand: 1)
    }

    /// `a` (r × k) times `b`ᵀ (c × k), summed in Float.
    static func productTransposed(_ a: [Float], _ b: [Float], rows r: Int, inner k: Int) -> [Float] {
        let c = b.count / k
        return (0..<r * c).map { e in (0..<k).reduce(Float(0)) { $0 + a[(e / c) * k + $1] * b[(e % c) * k + $1] } }
    }

    static func close(_ a: [Float], _ b: [Float], relative: Float = 2e-6) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= relative * max(1, abs($0), abs($1)) }
    }

    @Test("current: a 1-step Elman (hidden 4) equals the direct computation, scale = 448/amax·2^−margin", arguments: [0, 2])
    func currentOneStep(margin: Int) {
        let net = Self.elman(hidden: 4, length: 2, batch: 1).0
        // One time step of the adding problem: value 0.7, marker 1; target 0.7.
        let batch = SequenceBatch<Float>(length: 1, batchSize: 1, inputSize: 2, outputSize: 1, inputs: [0.7, 1], targets: [0.7])
        let ws = RecurrentWorkspace<Float>()
        let cast = RecurrentProductCast<Float>(recipe: .current(margin: margin), forwardFormat: Self.e4m3, backwardFormat: Self.e5m2)
        ws.productCast = cast
        cast.beginStep(1)
        let result = net.lossAndGradients(on: batch, normalizer: 1, workspace: ws)
        cast.finishStep()

        // The direct computation: every product input cast with its own current scale.
        func q(_ v: [Float], _ f: NarrowFormat = Self.e4m3) -> [Float] { Self.cast(v, scale: Self.currentScale(v, f, margin: margin), f) }
        let W = net.cell.recurrentWeights.elements, U = net.cell.inputWeights.elements, V = net.readoutWeights.elements
        let x = batch.inputs, h0 = net.initialState, c = net.cell.bias
        let fromInput = Self.productTransposed(q(x), q(U), rows: 1, inner: 2)
        let fromState = Self.productTransposed(q(h0), q(W), rows: 1, inner: 4)
        let a = (0..<4).map { fromInput[$0] + c[$0] + fromState[$0] }
        let h1 = a.map { Float.tanh($0) }
        let y = Self.productTransposed(q(h1), q(V), rows: 1, inner: 4)[0] + net.readoutBias[0]
        let r = y - batch.targets[0]
        let seed = [2 * r]
        let qSeed = q(seed, Self.e5m2)
        let gV = q(h1).map { qSeed[0] * $0 }
        let dh1 = q(V).map { qSeed[0] * $0 }
        let da = (0..<4).map { dh1[$0] * (1 - h1[$0] * h1[$0]) }
        let qda = q(da, Self.e5m2), qh0 = q(h0), qx = q(x)
        let gW = (0..<16).map { qda[$0 / 4] * qh0[$0 % 4] }
        let gU = (0..<8).map { qda[$0 / 2] * qx[$0 % 2] }

        #expect(abs(Float(result.loss) - r * r) <= 2e-6 * max(1, r * r))
        let g = result.gradients.values
        #expect(Self.close(g[0], gW), "∂L/∂W \(g[0]) vs \(gW)")
        #expect(Self.close(g[1], gU), "∂L/∂U \(g[1]) vs \(gU)")
        #expect(Self.close(g[2], da), "∂L/∂c \(g[2]) vs \(da)")
        #expect(Self.close(g[3], gV), "∂L/∂V \(g[3]) vs \(gV)")
        #expect(Self.close(g[4], seed), "∂L/∂d \(g[4]) vs \(seed)")
        // The scales of the step, exactly (the state h is cast twice: h_0 and h_1; the smaller scale is reported).
        let expected: [String: Float] = [
            "W": Self.currentScale(W, Self.e4m3, margin: margin), "U": Self.currentScale(U, Self.e4m3, margin: margin),
            "V": Self.currentScale(V, Self.e4m3, margin: margin), "x": Self.currentScale(x, Self.e4m3, margin: margin),
            "h": min(Self.currentScale(h0, Self.e4m3, margin: margin), Self.currentScale(h1, Self.e4m3, margin: margin)),
            "∂L/∂y": Self.currentScale(seed, Self.e5m2, margin: margin), "∂L/∂a": Self.currentScale(da, Self.e5m2, margin: margin),
        ]
        #expect(Set(cast.scales.keys) == Set(expected.keys))
        for (name, scale) in expected {
            // h_1 and ∂L/∂a come from the network's own arithmetic (BLAS); their scales within 2 ulps.
            let tolerance: Float = name == "h" || name == "∂L/∂a" || name == "∂L/∂y" ? 4e-7 : 0
            #expect(abs(cast.scales[name]! - scale) <= tolerance * scale, "\(name): \(cast.scales[name]!) vs \(scale)")
        }
        // Every input of every product counted once: W 16, U 8, V 4 | x 2, h 8 | ∂L/∂y 1, ∂L/∂a 4.
        #expect(cast.counts[.weights]!.values == 28)
        #expect(cast.counts[.activations]!.values == 10)
        #expect(cast.counts[.gradients]!.values == 5)
    }

    @Test("delayed, history 3: the first step uses s = 1, then s = 448/max(last 3 amaxes); a NaN amax is skipped and said")
    func delayedHistory() {
        let cast = RecurrentProductCast<Float>(recipe: .delayed(history: 3, margin: 0, amax: .max), forwardFormat: Self.e4m3, backwardFormat: Self.e5m2)
        let operand = ProductOperand("W", .weights)
        // Step amaxes 2, 8, 4, 1, 0, NaN, 0.5: the windows of three after each step are [2], [2,8], [2,8,4], [8,4,1],
        // [4,1,0] (a zero amax is recorded; only a zero maximum would keep the scale), NaN skipped, [1,0,0.5].
        let tensors: [[Float]] = [[2, -1, 0.5, 0], [1, 8, -3, 2], [-4, 1, 1, 1], [1, 0.25, -0.5, 1], [0, 0, 0, 0], [.nan, 1, 1, 1], [0.5, 0, 0, 0]]
        var used: [Float] = []
        for (k, values) in tensors.enumerated() {
            cast.beginStep(k + 1)
            let result = values.withUnsafeBufferPointer { p in
                Array(UnsafeBufferPointer(start: cast.cast(operand, p.baseAddress!, firstRow: 0, rows: 1, of: 1, columns: 4, reducing: .columns), count: 4))
            }
            used.append(cast.scales["W"]!)
            let expected = Self.cast(values, scale: cast.scales["W"]!, Self.e4m3)
            #expect(zip(result, expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
            cast.finishStep()
        }
        let expected: [Float] = [1, 448 / 2, 448 / 8, 448 / 8, 448 / 8, 448 / 4, 448 / 4]
        #expect(used == expected)
        let history: [Float] = [1, 0, 0.5]
        #expect(cast.history(of: "W") == history)
        #expect(cast.events == ["Step 6: the amax of W was nan; it was not recorded and the scale stays 112.0."])
    }

    @Test("delayed across 3 training steps of an Elman network: W's scale follows its own amax history")
    func delayedTraining() {
        var (net, batch) = Self.elman(hidden: 4, length: 3, batch: 2)
        let ws = RecurrentWorkspace<Float>()
        let cast = RecurrentProductCast<Float>(recipe: .delayed(history: 3, margin: 1, amax: .max), forwardFormat: Self.e4m3, backwardFormat: Self.e5m2)
        ws.productCast = cast
        var amaxes: [Float] = [], scales: [Float] = []
        for step in 1...3 {
            amaxes.append(net.cell.recurrentWeights.elements.map(\.magnitude).max()!)
            cast.beginStep(step)
            let result = net.lossAndGradients(on: batch, normalizer: 2, workspace: ws)
            cast.finishStep()
            scales.append(cast.scales["W"]!)
            net.update(along: result.gradients, scale: 0.5)
        }
        #expect(scales == [1, 448 / amaxes[0] / 2, 448 / max(amaxes[0], amaxes[1]) / 2])
        #expect(cast.history(of: "W") == amaxes)
    }

    /// The MX cast of one block by hand: X = 2^(⌊log2 amax⌋ − 8) for float8_e4m3fn, elements saturating.
    static func mxBlock(_ block: [Float]) -> [Float] {
        let amax = block.map(\.magnitude).max()!
        guard amax > 0 else { return block }
        let x = Float(sign: .plus, exponent: amax.exponent - 8, significand: 1)
        let saturating = Self.e4m3.with(overflow: .saturate)
        return block.map { Float(saturating.decode(saturating.encode(Double($0 / x)))) * x }
    }

    @Test("MX: a 2 × 64 operand is two block pairs along its rows, and a 64 × 2 one two pairs down its columns")
    func mxBlockPair() {
        var rng = Xoshiro256StarStar(seed: 3)
        // Block magnitudes far apart (1e-3 and 300): one per-tensor scale could not serve both.
        let values: [Float] = (0..<128).map { k in Float(rng.nextGaussian()) * ((k / 32) % 2 == 0 ? 1e-3 : 300) }
        let cast = RecurrentProductCast<Float>(recipe: .mx, forwardFormat: Self.e4m3, backwardFormat: Self.e5m2)
        cast.beginStep(1)
        let alongRows = values.withUnsafeBufferPointer { p in
            Array(UnsafeBufferPointer(start: cast.cast(.states, p.baseAddress!, firstRow: 0, rows: 2, of: 2, columns: 64, reducing: .columns), count: 128))
        }
        let expectedRows = (0..<4).flatMap { Self.mxBlock(Array(values[$0 * 32..<($0 + 1) * 32])) }
        #expect(alongRows == expectedRows)
        // The same values as a 64 × 2 matrix reduced down its rows: column j's blocks are rows 0–31 and 32–63.
        let downColumns = values.withUnsafeBufferPointer { p in
            Array(UnsafeBufferPointer(start: cast.cast(.inputs, p.baseAddress!, firstRow: 0, rows: 64, of: 64, columns: 2, reducing: .rows), count: 128))
        }
        var expectedColumns = [Float](repeating: 0, count: 128)
        for column in 0..<2 {
            for start in [0, 32] {
                let block = (start..<start + 32).map { values[$0 * 2 + column] }
                for (k, v) in Self.mxBlock(block).enumerated() { expectedColumns[(start + k) * 2 + column] = v }
            }
        }
        #expect(downColumns == expectedColumns)
        #expect(cast.counts[.activations]!.values == 256)
        #expect(cast.events.isEmpty)
    }

    @Test("MX in an Elman network of 32 and 64 units: each weight cast once per product direction, padding said once",
          arguments: [32, 64])
    func mxElman(hidden: Int) {
        let (net, batch) = Self.elman(hidden: hidden, length: 4, batch: 8)
        let ws = RecurrentWorkspace<Float>()
        let cast = RecurrentProductCast<Float>(recipe: .mx, forwardFormat: Self.e4m3, backwardFormat: Self.e5m2)
        ws.productCast = cast
        cast.beginStep(1)
        let result = net.lossAndGradients(on: batch, normalizer: 8, workspace: ws)
        #expect(result.loss.isFinite && result.gradients.isFinite)
        // W along its rows and its columns, U (h × 2) along its rows, V (1 × h) along its rows and columns.
        #expect(cast.counts[.weights]!.values == 2 * hidden * hidden + 2 * hidden + 2 * hidden)
        #expect(cast.events == ["MX: a reduction dimension of 2 (x) is not a multiple of 32; its last block is padded with zeros."])
        #expect(cast.scales.isEmpty)
    }

    @Test("The exact stand-in with recipe none reproduces the plain trainer bit for bit (Elman, LSTM, GRU)", arguments: ["elman", "lstm", "gru"])
    func exactStandIn(model: String) {
        let task = AddingProblem(length: 6)
        let configuration = RecurrentTrainingConfiguration(steps: 5, batchSize: 4, sgd: RecurrentSGD(learningRate: 0.1, clipThreshold: 1), testSize: 8,
                                                           evaluationInterval: 2)
        func compare<N: RecurrentNetwork & Equatable>(_ net: N) {
            var plain = net, hooked = net
            let a = RecurrentTrainer(network: net, task: task, configuration: configuration).run(trained: &plain)
            let b = RecurrentTrainer(network: net, task: task, configuration: configuration, scaling: .exact()).run(trained: &hooked)
            #expect(plain == hooked)
            #expect(a.steps.map(\.loss) == b.steps.map(\.loss))
            #expect(a.steps.map(\.stateGradientNorms) == b.steps.map(\.stateGradientNorms))
            #expect(a.steps.map(\.testLoss) == b.steps.map(\.testLoss))
            #expect(b.steps.allSatisfy { $0.castScales?.values.allSatisfy { $0 == 1 } == true })
            #expect(b.casts?.counts.values.allSatisfy { $0.overflowed == 0 && $0.flushedToZero == 0 && $0.subnormal == 0 && $0.values > 0 } == true)
        }
        var rng = Xoshiro256StarStar(seed: 11)
        switch model {
        case "elman": compare(ElmanNetwork<Double>(task: task, hiddenSize: 5, activation: .tanh, initialization: .recurrent(.xavierNormal(gain: 1)), using: &rng).converted(to: Float.self))
        case "lstm": compare(LSTMNetwork<Double>(task: task, hiddenSize: 5, initialization: .recurrent(.xavierNormal(gain: 1)), using: &rng).converted(to: Float.self))
        default: compare(GRUNetwork<Double>(task: task, hiddenSize: 5, initialization: .recurrent(.xavierNormal(gain: 1)), using: &rng).converted(to: Float.self))
        }
    }

    @Test("With the exact stand-in hooked in, BPTT still equals finite differences (Double)")
    func exactStandInFiniteDifferences() {
        let (net, batch) = RecurrentTests.smallElman(.tanh, seed: 5)
        let ws = RecurrentWorkspace<Double>()
        ws.productCast = RecurrentScaling.exact().makeCast(Double.self)
        ws.productCast!.beginStep(1)
        let g = net.lossAndGradients(on: batch, normalizer: batch.batchSize, workspace: ws).gradients
        for k in g.values.indices {
            for i in g.values[k].indices {
                var plus = net, minus = net, p = net.parameters
                p.values[k][i] += 1e-6
                plus.parameters = p
                p.values[k][i] -= 2e-6
                minus.parameters = p
                let numeric = (plus.loss(on: batch) - minus.loss(on: batch)) / 2e-6
                #expect(abs(numeric - g.values[k][i]) <= 1e-6 * max(1, abs(numeric)), "\(g.names[k])[\(i)]")
            }
        }
    }

    @Test("A float8_e4m3fn run: every kind counted alike; a spike overflows a delayed history and not current scaling")
    func trainerRuns() throws {
        let task = AddingProblem(length: 10)
        var rng = Xoshiro256StarStar(seed: 2)
        let net = ElmanNetwork<Double>(task: task, hiddenSize: 8, activation: .tanh, initialization: .recurrent(.xavierNormal(gain: 1)), using: &rng)
            .converted(to: Float.self)
        let configuration = RecurrentTrainingConfiguration(steps: 6, batchSize: 8, sgd: RecurrentSGD(learningRate: 0.05), testSize: 16, evaluationInterval: 3)
        func run(_ scaling: RecurrentScaling) -> RecurrentTrainingRun {
            var trained = net
            return RecurrentTrainer(network: net, task: task, configuration: configuration, scaling: scaling).run(trained: &trained)
        }
        let none = run(RecurrentScaling(recipe: .none)), current = run(RecurrentScaling(recipe: .current(margin: 0)))
        #expect(none.steps.count == 6 && current.steps.count == 6)
        for kind in TensorKind.allCases { #expect(none.casts!.counts[kind]!.values == current.casts!.counts[kind]!.values) }
        #expect(current.casts!.counts[.gradients]!.flushedToZero <= none.casts!.counts[.gradients]!.flushedToZero)
        #expect(current.casts!.counts.values.allSatisfy { $0.overflowed == 0 })
        // A spike of 1000 at step 4: the delayed history (amax of x = 1, the marker) scales x by 448/2^4 = 28, so
        // 1000·28 overflows float8_e4m3fn (NaN) and the run stops there; current scaling follows the spike.
        let spike = ScaledTrainingConfiguration.Spike(step: 4, factor: 1000)
        let delayed = run(RecurrentScaling(recipe: .delayed(history: 1024, margin: 4, amax: .max), spike: spike))
        #expect(delayed.ending == .nonFinite)
        try #require(delayed.steps.count == 4, "ending \(delayed.ending) after \(delayed.steps.count) steps")
        #expect(delayed.steps.map { $0.castScales!["x"]! } == [1, 28, 28, 28])
        #expect(delayed.casts!.counts[.activations]!.overflowed > 0)
        let followed = run(RecurrentScaling(recipe: .current(margin: 0), spike: spike))
        try #require(followed.steps.count >= 4, "ending \(followed.ending) after \(followed.steps.count) steps")
        #expect(followed.steps.map { $0.castScales!["x"]! }.prefix(4) == [448, 448, 448, Float(448) / 1000])
        #expect(followed.casts!.counts[.activations]!.overflowed == 0)
    }
}
