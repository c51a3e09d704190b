import Foundation
import GradscopeCore
import Testing

/// `TraceInspection` on the hand-written fixtures, whose every number is known.
@Suite struct InspectTraceTests {
    @Test("The chain fixture: the Inf of layers.2's ∂L/∂input is an overflow 2^1.61 over float32, the NaN is -inf × 0")
    func chain() throws {
        let i = TraceInspection(try TraceFile(contentsOf: TraceReaderTests.fixture("chain")))
        let inf = try #require(i.firstInfinity)
        #expect(inf.step == 2 && inf.pass == .backward && inf.module == "layers.2" && inf.moduleType == "Linear")
        #expect(inf.causeKind == .overflow && inf.result == -.infinity)
        // log2(1.3e38 · 8 / 3.4028235e38) = 1.6117…
        #expect(inf.cause.contains("2^1.61 above"), "\(inf.cause)")
        let nan = try #require(i.firstNaN)
        #expect(nan.module == "layers.0" && nan.operation == "∂L/∂layers.0.weight" && nan.causeKind == .zeroTimesInf)
        #expect(i.firstNonFinite == inf)
        #expect(i.parametersGoneNonFinite.map(\.name) == ["layers.0.weight", "layers.0.bias"])
        #expect(i.parametersGoneNonFinite.map(\.step) == [2, 2])
        #expect(i.propagators.map(\.kind) == ["grad_output", "grad_input", "grad_output", "param_grad", "param_grad", "grad_input", "param_updated", "param_updated"])
    }

    @Test("Gains of the chain fixture: Linear 8, Tanh 1, Σ log2 = 6 at step 1")
    func gains() throws {
        let i = TraceInspection(try TraceFile(contentsOf: TraceReaderTests.fixture("chain")))
        #expect(i.modules.map(\.name) == ["layers.0", "layers.1", "layers.2", "layers.3"])
        #expect(i.modules.map(\.gain) == [8, 1, 8, 1])
        #expect(i.chain.runningLog2Gain == [6, 3, 3, 0])
        #expect(i.chain.explodesIn.isEmpty && i.chain.vanishesIn.isEmpty)
    }

    @Test("ops=1: aten::log of a softmax zero outside any module is log-of-zero")
    func logZero() throws {
        let i = TraceInspection(try TraceFile(contentsOf: TraceReaderTests.fixture("log_zero")))
        let first = try #require(i.firstNonFinite)
        #expect(first.frameworkOperation == "aten::log" && first.module == nil && first.pass == .loss)
        #expect(first.causeKind == .logOfZero && first.result == -.infinity)
    }

    @Test("A finite run: no event, headroom from the recorded max |x|, the loss-scale range from the histograms")
    func finite() throws {
        let i = TraceInspection(try TraceFile(contentsOf: TraceReaderTests.fixture("finite")))
        #expect(i.firstNonFinite == nil && i.firstInfinity == nil && i.firstNaN == nil)
        let fc1 = try #require(i.modules.first)
        #expect(fc1.name == "fc1" && fc1.step == 3 && fc1.activationAbsMax == 6)
        let f16 = try #require(fc1.headroom.first { $0.format == "float16" }?.activation)
        #expect(f16.belowMaximum == Foundation.log2(65504.0 / 6))
        // max |x| of fc1's output is 2, 4, 6 over steps 1–3: the fitted slope of log2 max |x| is (log2 6 − log2 2)/2.
        #expect(f16.runsOutAtStep != nil)
        let scale = try #require(i.lossScale)
        // Gradients reach 0.5 (fc2's ∂L/∂output): 2^16 · 0.5 = 32768 ≤ 65504 < 2^17 · 0.5.
        #expect(scale.largestGradient == 0.5 && scale.highestExponent == 16)
        // 3 of 30 non-zero gradient values are 2^-20: 10 % > 0.1 %, so they must be lifted to 2^-14: k ≥ 6.
        #expect(scale.lowestExponent == 6)
        // Gains 2^-18 (fc1: ‖(2^-20, 0)‖ / ‖(0.25, 0)‖), 2^-0.5 (act), 2^-0.5 (fc2): Σ log2 = -19, below minus
        // float8_e4m3fn's range log2(448 / 2^-6) = 14.8 but within float16's and float8_e5m2's (≈ 30).
        #expect(i.chain.totalLog2Gain == -19)
        #expect(i.chain.vanishesIn == ["float8_e4m3fn"] && i.chain.explodesIn.isEmpty)
        #expect(i.remedies.map(\.kind) == ["clip-norm", "loss-scale", "initialization"])
        #expect(i.remedies[0].value == 2)   // the median of the gradient norms 1, 2, 3
    }
}
