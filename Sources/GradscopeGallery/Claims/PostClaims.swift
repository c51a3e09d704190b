import GradscopeCharts
import Foundation
import RealModule
import GradscopeCore

/// The post's factual statements, each judged by numbers read from the figures that show it.
///
/// Every verdict is decided here from the computed numbers, not written in advance: if a
/// figure's numbers changed, the verdict would change with them. Quotations are in “…” and
/// at most one sentence; other statements are faithful paraphrases.
enum PostClaims {
    /// The figures the claims read, by id; ``ClaimsExperiment`` computes them.
    static let figureIDs = ["s1-relu", "s2-tanh", "s3-minefield", "s4-sigmoid", "s5-sigmoid-bias", "s6-product",
                            "s7-rnn-weight-0-7", "s8-initial-state", "autopsy-tanh-chain", "cliff", "rnn-adding-divergence",
                            "w1-chi1", "w3-init"]

    /// The figure with `id`, computed.
    static func figure(_ id: String) -> Figure {
        switch id {
        case "s1-relu": SeedChainFigures.relu()
        case "s2-tanh": SeedChainFigures.tanh()
        case "s3-minefield": MinefieldFigure.make()
        case "s4-sigmoid": SeedChainFigures.sigmoid()
        case "s5-sigmoid-bias": SeedChainFigures.sigmoidWithBias()
        case "s6-product": ProductFigure.make()
        case "s7-rnn-weight-0-7": RecurrentClaimFigure.make()
        case "s8-initial-state": InitialStateFigure.make()
        case "autopsy-tanh-chain": AutopsyFigure.tanhChain().figure
        case "cliff": CliffFigure.make()
        case "rnn-adding-divergence": TrainingFigure.divergence()
        case "w1-chi1": WideNetworksFigure.chi1()
        case "w3-init": WideNetworksFigure.initialisations()
        default: preconditionFailure("No claim reads the figure '\(id)'.")
        }
    }

    /// Every claim, in the post's order, judged from `figures` (keyed by id; all of ``figureIDs``).
    static func check(_ figures: [String: Figure]) -> [Claim] {
        func table(_ id: String) -> DataTable { figures[id]!.table }
        func short(_ v: Double) -> String { NumberText.caption(v) }
        func powers(_ base: Double) -> [Double] { (1...3).map { Double.pow(base, Double($0)) } }
        func list(_ values: [Double], _ separator: String) -> String { values.map(short).joined(separator: separator) }
        /// One piece of evidence per depth 1, 2, …: "`label`, depth 2".
        func byDepth(_ label: String, _ values: [Double]) -> [Claim.Evidence] { zip(1..., values).map { .init("\(label), depth \($0)", $1) } }
        var claims: [Claim] = []

        // ¶1: NaN losses come from exploding gradients that overflow in backpropagation.
        let autopsy = table("autopsy-tanh-chain")
        let nanStep = autopsy.number("first_non_finite_step", where: "remedy", is: "none")
        let xavierLoss = autopsy.number("final_loss", where: "remedy", is: "init=xavier-normal")
        claims.append(Claim(
            quote: "“This is usually because of something called the exploding gradient problem, which is when your neural network's gradients, used to train it, are extremely large, leading to overflow errors when performing backpropagation.”",
            paragraph: 1, verdict: .holds(if: nanStep.isFinite && xavierLoss.isFinite),
            finding: "The post's w = 8 tanh chain, 50 layers deep and trained in Float32, overflows and its loss is NaN from step \(short(nanStep)); started with Xavier weights (per-layer factor near 1) the same run stays finite (final loss \(short(xavierLoss))).",
            evidence: [.init("first non-finite step (w = 8)", nanStep), .init("final loss with Xavier weights", xavierLoss)],
            figure: "autopsy-tanh-chain"))

        // ¶2: large weights together with many layers.
        let product = table("s6-product")
        let depths = ["Float16", "Float32", "Float64"].map { product.number("observed_overflow_depth", where: "precision", is: $0) }
        claims.append(Claim(
            quote: "“The exploding gradient problem is mostly caused by using large weight values in combination with using a large number of layers.”",
            paragraph: 2, verdict: .holds(if: depths.allSatisfy(\.isFinite) && depths == depths.sorted()),
            finding: "With w = 8 the tanh chain's gradient 8^L passes the largest Float16 at depth \(short(depths[0])), Float32 at \(short(depths[1])) and Float64 at \(short(depths[2])): neither the weight nor the depth alone, but w^L.",
            evidence: [.init("Float16 overflow depth", depths[0]), .init("Float32 overflow depth", depths[1]), .init("Float64 overflow depth", depths[2])],
            figure: "s6-product"))

        // ¶2: an RNN is a network with one layer per input.
        let h0 = 0.25
        let unrolled = InitialStateFigure.gradients(weight: 8, from: h0, steps: 3)[2]
        let chain = Chain(activation: .tanh, weight: 8, depth: 3).trace(at: h0).layers.last!.dydx
        let divergence = table("rnn-adding-divergence")
        let diverged = divergence.number("steps_run", where: "ending", is: "nonFinite")
        claims.append(Claim(
            quote: "“It happens a lot with RNNs which would be neural networks with as many layers as there are items in the input sequence.”",
            paragraph: 2, verdict: .holds(if: unrolled == chain && diverged.isFinite),
            finding: "Unrolled over 3 inputs, h_t = tanh(8·h_{t−1}) from h_0 = \(short(h0)) has ∂h_3/∂h_0 = \(short(unrolled)), bit for bit the slope of the 3-layer tanh chain at x = \(short(h0)) (\(short(chain))); a relu RNN with W = 1.2·I over 100 inputs turns NaN after \(short(diverged)) steps of plain SGD.",
            evidence: [.init("∂h_3/∂h_0 of the unrolled RNN", unrolled), .init("dy_3/dx of the 3-layer chain", chain),
                       .init("steps before the RNN went NaN", diverged)],
            figure: "s7-rnn-weight-0-7"))

        // ¶2: the gradient is a product of the weights in front.
        let tanh = table("s2-tanh")
        let atZero = tanh.numbers("slope_at_0"), atHalf = tanh.numbers("slope_at_half")
        claims.append(Claim(
            quote: "Paraphrase: the gradient of the first layer's parameters is a product of the weights of the layers in front of it.",
            paragraph: 2, verdict: atZero == powers(8) ? (atHalf == powers(8) ? .holds : .holdsWithCondition) : .doesNotHold,
            finding: "Each layer contributes w·φ'(a), not w: for tanh with w = 8 the slope is 8^L = \(list(atZero, ", ")) at x = 0, where φ'(0) = 1, but \(list(atHalf, ", ")) at x = 0.5. It is the product of the weights only where every unit sits on its slope-1 part.",
            evidence: [.init("slope at x = 0, depth 3", atZero[2]), .init("8³", 512), .init("slope at x = 0.5, depth 3", atHalf[2])],
            figure: "s2-tanh"))

        // ¶2: fractions vanish, large weights explode.
        let sigmoid = table("s4-sigmoid")
        let peaks = sigmoid.numbers("max_slope")
        claims.append(Claim(
            quote: "Paraphrase: with weights below 1 the gradient vanishes layer by layer, with large weights it explodes.",
            paragraph: 2, verdict: peaks == peaks.sorted(by: >) ? .holdsWithCondition : .holds,
            finding: "Large means |w·φ'(a)| > 1, not w > 1: nested sigmoids with the large weight 8 and no bias still flatten, their steepest slope falling \(list(peaks, " → ")) at depths 1–3.",
            evidence: byDepth("steepest |dy/dx| of sig(8·…)", peaks),
            figure: "s4-sigmoid"))

        // ¶2: exploding gradients lead to NaNs.
        let cliff = table("cliff")
        let jump = cliff.number("longest_step", where: "run", is: "unclipped"), jumpNorm = cliff.number("gradient_norm_there", where: "run", is: "unclipped")
        let clippedJump = cliff.number("longest_step", where: "run", is: "clipped")
        claims.append(Claim(
            quote: "“Vanishing gradients lead to no learning in the early layers whilst exploding gradients leads to NaNs.”",
            paragraph: 2, verdict: .holdsWithCondition(if: nanStep.isFinite && jump.isFinite),
            finding: "NaN needs an overflow first: the 50-layer chain's gradient passes Float32's largest value and Inf − Inf or Inf·0 makes the NaN at step \(short(nanStep)). Below the overflow an exploding gradient stays finite and throws the parameters away instead: on Pascanu's cliff one plain step of length \(short(jump)) (‖∇L‖ = \(short(jumpNorm))), clipped to \(short(clippedJump)).",
            evidence: [.init("first NaN step, 50 layers, Float32", nanStep), .init("longest unclipped step on the cliff", jump),
                       .init("longest clipped step", clippedJump)],
            figure: "autopsy-tanh-chain"))

        // ¶3: one unit per layer with shared weights is not necessary.
        let wide = table("w1-chi1")
        let growth = wide.number("fitted_growth", where: "sigma_w2", is: "3"), chi1 = wide.number("chi1", where: "sigma_w2", is: "3")
        claims.append(Claim(
            quote: "“This is not a necessary condition to reach exploding gradients, but it will help visualise what is going on.”",
            paragraph: 3, verdict: .holds(if: growth > 0 && chi1 > 1),
            finding: "Random tanh networks of 128 units per layer with independent weights (σ_w² = 3) explode too: χ₁ = \(short(chi1)) and ln‖∂L/∂h_l‖² grows by \(short(growth)) per layer towards the input.",
            evidence: [.init("χ₁ at σ_w² = 3", chi1), .init("fitted growth of ln‖∂L/∂h_l‖² per layer", growth)],
            figure: "w1-chi1"))

        // ¶4: relu makes exploding gradients easy with large weights.
        let relu = table("s1-relu")
        let reluSlopes = relu.numbers("slope_for_x_gt_0")
        claims.append(Claim(
            quote: "“ReLU is an activation function that is known for mitigating the vanishing gradient problem, but it also makes it easy to create exploding gradients if the weights are large enough, which is why weights must be initialised to very small values.”",
            paragraph: 4, verdict: .holds(if: reluSlopes == powers(8)),
            finding: "For x > 0 relu passes the slope on unchanged, so with w = 8 it is \(list(reluSlopes, ", ")) at depths 1–3.",
            evidence: byDepth("slope for x > 0", reluSlopes),
            figure: "s1-relu"))

        // ¶4: weights must be initialised very small.
        let inits = table("w3-init")
        func change(_ activation: String, _ scheme: String) -> Double {
            let a = inits.columns.firstIndex(of: "activation")!, s = inits.columns.firstIndex(of: "init")!, c = inits.columns.firstIndex(of: "gradient_change_over_depth")!
            guard let row = inits.rows.first(where: { $0[a] == .text(activation) && $0[s] == .text(scheme) }), case .number(let v) = row[c] else { return .nan }
            return v
        }
        let he = change("relu", "he"), xavier = change("relu", "xavier-normal")
        claims.append(Claim(
            quote: "Paraphrase: relu weights must be initialised to very small values.",
            paragraph: 4, verdict: .holdsWithCondition(if: abs(he - 1) < 1e-9 && xavier < 1e-2),
            finding: "Small enough that each layer multiplies the gradient by about 1, not very small: in wide relu networks He's σ_w² = 2 keeps the gradient norm steady over 24 layers (factor \(short(he))), while Xavier's smaller σ_w² = 1 already shrinks it by \(short(xavier)).",
            evidence: [.init("gradient change over 24 relu layers, He (σ_w² = 2)", he), .init("the same, Xavier (σ_w² = 1)", xavier)],
            figure: "w3-init"))

        // ¶5: steepness grows exponentially, 8-fold per layer.
        let ratios = zip(reluSlopes.dropFirst(), reluSlopes).map { $0 / $1 }
        claims.append(Claim(
            quote: "“See how the steepness grows exponentially with every additional layer?”",
            paragraph: 5, verdict: .holds(if: ratios.allSatisfy { $0 == 8 }),
            finding: "Each layer multiplies relu's slope by exactly \(list(ratios, " and ")): 8, 64, 512.",
            evidence: zip(2..., ratios).map { .init("slope ratio depth \($0) / depth \($0 - 1)", $1) },
            figure: "s1-relu"))

        // ¶5: the gradient is the product of all the weights.
        let negative = figures["s1-relu"]!.data.rows.first { $0[0] == .number(3) && $0[1] == .number(-0.5) }
        let negativeSlope: Double = if let negative, case .number(let v) = negative[3] { v } else { .nan }
        claims.append(Claim(
            quote: "“That's because the gradient is basically the product of all the weights in all the layers, which means that, since w is equal to 8, the gradient is increasing 8-fold with each additional layer.”",
            paragraph: 5, verdict: reluSlopes == powers(8) && negativeSlope == 0 ? .holdsWithCondition : (reluSlopes == powers(8) ? .holds : .doesNotHold),
            finding: "For x > 0 the slope is exactly 8^L (\(short(reluSlopes[2])) at depth 3); for x < 0 relu's slope is 0 and so is the product (\(short(negativeSlope)) at x = −0.5).",
            evidence: [.init("slope for x > 0, depth 3", reluSlopes[2]), .init("slope at x = −0.5, depth 3", negativeSlope)],
            figure: "s1-relu"))

        // ¶6: squashing functions explode too.
        claims.append(Claim(
            quote: "“Even though its returned value must be between 1 and -1, the gradient at particular points of the function can also be exceptionally large.”",
            paragraph: 6, verdict: .holds(if: atZero == powers(8)),
            finding: "tanh stays within (−1, 1) yet its nested slope at x = 0 is \(list(atZero, ", ")) = 8^L.",
            evidence: byDepth("tanh slope at x = 0", atZero),
            figure: "s2-tanh"))

        // ¶6: a steep point throws training off its trajectory.
        claims.append(Claim(
            quote: "“This means that if you're training the neural network at a point in parameter space which has a very steep gradient, even if it's just a short burst, you'll end up with overflow errors or at the very least with shooting off the learning trajectory.”",
            paragraph: 6, verdict: .holds(if: jump > 5 * clippedJump),
            finding: "On the cliff of a one-unit RNN one plain gradient step where ‖∇L‖ = \(short(jumpNorm)) moves (w, b) by \(short(jump)); clipping the norm at 1 bounds the step to \(short(clippedJump)).",
            evidence: [.init("longest unclipped step", jump), .init("‖∇L‖ there", jumpNorm), .init("longest clipped step", clippedJump)],
            figure: "cliff"))

        // ¶7: the middle slope gets steeper with depth.
        claims.append(Claim(
            quote: "“See how the slope that transitions the value from -1 to 1 gets steeper and steeper as the number of layers increases?”",
            paragraph: 7, verdict: .holds(if: atZero == atZero.sorted() && atZero[0] < atZero[2]),
            finding: "The transition's slope at x = 0 grows \(list(atZero, " → ")) from depth 1 to 3.",
            evidence: byDepth("slope at x = 0", atZero),
            figure: "s2-tanh"))

        // ¶7: small state weights or large initial states keep a tanh RNN off the slope.
        let initial = table("s8-initial-state")
        let g0 = initial.number("gradient_w8_T3", where: "h0", is: "0"), g1 = initial.number("gradient_w8_T3", where: "h0", is: "1")
        let g2 = initial.number("gradient_w8_T3", where: "h0", is: "2"), small = initial.numbers("gradient_w0_5_T3").map(\.magnitude).max() ?? .nan
        claims.append(Claim(
            quote: "“This means that if you're training a simple RNN that uses tanh as an activation function, you can either make the state weights very small or make the initial state values very large in order to stay off the middle slope.”",
            paragraph: 7, verdict: .holds(if: g1 < 1e-6 * g0 && small <= 0.125),
            finding: "Through 3 steps with w = 8, ∂h_3/∂h_0 is \(short(g0)) at h_0 = 0 but \(short(g1)) at h_0 = 1; with the small weight 0.5 it is at most \(short(small)) = 0.5³ anywhere.",
            evidence: [.init("∂h_3/∂h_0, w = 8, h_0 = 0", g0), .init("∂h_3/∂h_0, w = 8, h_0 = 1", g1), .init("largest ∂h_3/∂h_0, w = 0.5", small)],
            figure: "s8-initial-state"))

        // ¶7: the initial state then cannot learn.
        claims.append(Claim(
            quote: "“Of course this would have other problems as then the initial state wouldn't be able to easily learn to set the initial state to any set of values.”",
            paragraph: 7, verdict: .holds(if: g2 < 1e-12),
            finding: "The gradient that would move a large initial state vanishes with it: ∂h_3/∂h_0 = \(short(g2)) at h_0 = 2.",
            evidence: [.init("∂h_3/∂h_0, w = 8, h_0 = 2", g2)],
            figure: "s8-initial-state"))

        // ¶7: a width-3 hidden layer gives several steep slopes.
        let minefield = table("s3-minefield").numbers("dydx").map(\.magnitude)
        claims.append(Claim(
            quote: "“(note that this equation is a valid neural network with a hidden layer size of 3 and a single input and output)”",
            paragraph: 7, verdict: .holds(if: minefield.count >= 2),
            finding: "tanh(5·tanh(40x−5) − 5·tanh(40x) + 5·tanh(40x+5)) has \(minefield.count) steep slopes between x = −0.5 and 0.5, each |dy/dx| ≈ \(list(minefield, ", ")).",
            evidence: [.init("steep slopes on [−0.5, 0.5]", Double(minefield.count))] + minefield.map { .init("|dy/dx| at a steep slope", $0) },
            figure: "s3-minefield"))

        // ¶8: the parameter space could be a minefield.
        claims.append(Claim(
            quote: "“Your parameter space could be a minefield.”",
            paragraph: 8, verdict: .holdsWithCondition(if: minefield.count >= 2 && jump.isFinite),
            finding: "The post's figure varies the input x, not a parameter; in the parameters the same thing is the cliff of a recurrent unit, where one step with ‖∇L‖ = \(short(jumpNorm)) jumps \(short(jump)).",
            evidence: [.init("steep slopes along x", Double(minefield.count)), .init("‖∇L‖ at the cliff's longest step", jumpNorm)],
            figure: "cliff"))

        // ¶10: nested sigmoids flatten towards y = 1.
        let lows = sigmoid.numbers("y_at_minus_1")
        claims.append(Claim(
            quote: "“The slopes actually get flatter with every additional layer and get closer to y=1.”",
            paragraph: 10, verdict: .holds(if: peaks == peaks.sorted(by: >) && lows == lows.sorted()),
            finding: "Without biases the lowest value y(−1) rises \(list(lows, " → ")) and the steepest slope falls \(list(peaks, " → ")).",
            evidence: byDepth("y(−1)", lows) + byDepth("steepest |dy/dx|", peaks),
            figure: "s4-sigmoid"))

        // ¶10: sig(sig(x)) lies between 0.5 and 1.
        claims.append(Claim(
            quote: "Paraphrase: a sigmoid of a sigmoid is bounded between 0.5 and 1.",
            paragraph: 10, verdict: .holdsWithCondition(if: lows[1] >= 0.5 && lows[1] < 1),
            finding: "For a positive weight: the inner sigmoid is above 0, so sig(8·s) > sig(0) = 0.5; at x = −1 depth 2 gives \(short(lows[1])). A negative weight would bound it between 0 and 0.5 instead.",
            evidence: [.init("y(−1), depth 2, w = 8", lows[1])],
            figure: "s4-sigmoid"))

        // ¶10: biases of −w/2 make sigmoids steepen.
        let biased = table("s5-sigmoid-bias").numbers("slope_at_0")
        claims.append(Claim(
            quote: "“In fact, in order to see exploding gradients we need to make use of the biases (which up till now were set to 0).”",
            paragraph: 10, verdict: .holds(if: biased == powers(2)),
            finding: "With biases −w/2 every layer maps 0.5 to 0.5 and the slope at x = 0 grows \(list(biased, ", ")) = 2^L.",
            evidence: byDepth("slope at x = 0 with bias −w/2", biased),
            figure: "s5-sigmoid-bias"))

        // ¶11: sigmoid steepens slowly compared with tanh.
        claims.append(Claim(
            quote: "“Note that with sigmoid the steepness of the slope increases very slowly compared to tanh, which means that you'll need to use either larger weights or more layers to get the same dramatic effect.”",
            paragraph: 11, verdict: .holds(if: biased[2] < atZero[2]),
            finding: "At depth 3 and w = 8 the sigmoid chain's slope is \(short(biased[2])) = 2³ against tanh's \(short(atZero[2])) = 8³: sig'(0) = 1/4 makes each factor w/4.",
            evidence: [.init("sigmoid (bias −w/2) slope at 0, depth 3", biased[2]), .init("tanh slope at 0, depth 3", atZero[2])],
            figure: "s5-sigmoid-bias"))

        // ¶11: even a weight of 0.7 would explode.
        let rnn = table("s7-rnn-weight-0-7")
        let lastColumn = rnn.columns.first { $0.hasPrefix("log10_norm_at_") && $0 != "log10_norm_at_10" }!
        let steps = Int(lastColumn.dropFirst("log10_norm_at_".count))!
        let one = rnn.number(lastColumn, where: "network", is: "1 unit, tanh")
        let overflow = rnn.number("float32_overflow_step", where: "network", is: "4 units, relu")
        claims.append(Claim(
            quote: "“Also note that all these graphs were for weights being equal to 8, which is really large, but if you have many layers as in the case of a simple RNN working on long sentences, even a weight of 0.7 would explode after enough inputs.”",
            paragraph: 11, verdict: one < 0 ? .doesNotHold : .holds,
            finding: "Not for the post's one unit per layer: every factor 0.7·tanh' is at most 0.7, and ‖∂h_T/∂h_0‖ falls to 10^\(short(one)) after \(steps) inputs. It holds for several units: four relu units with all weights 0.7 (spectral radius 2.8) overflow Float32 at step \(short(overflow)).",
            evidence: [.init("log10 ‖∂h_\(steps)/∂h_0‖, one tanh unit", one), .init("Float32 overflow step, four relu units", overflow)],
            figure: "s7-rnn-weight-0-7"))
        return claims
    }
}
