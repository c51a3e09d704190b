import GradscopeTestSupport
import Foundation
import Testing
import _Differentiation
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct ChainTests {
    @Test("Sweeps match the mpmath reference in Double to 1e-12 relative")
    func referenceDouble() {
        for row in ReferenceCurve.all {
            let tolerance = row.doubleTolerance
            let sweep = row.chain.sweep(over: [row.x])
            let y = sweep.outputs(atDepth: row.depth).first!, d = sweep.slopes(atDepth: row.depth).first!
            #expect(isClose(y, row.y, relative: tolerance), "y of \(row): \(y) vs \(row.y)")
            #expect(isClose(d, row.dydx, relative: tolerance), "dy/dx of \(row): \(d) vs \(row.dydx)")
        }
    }

    @Test("Traces match the mpmath reference in Double, saturated tanh (dy/dx ≈ 2e-269) included")
    func referenceTraceDouble() {
        for row in ReferenceCurve.all {
            let last = row.chain.trace(at: row.x).layers.last!
            #expect(isClose(last.output, row.y, relative: row.doubleTolerance), "\(row)")
            #expect(isClose(last.dydx, row.dydx, relative: row.doubleTolerance), "\(row)")
        }
        #expect(ReferenceCurve.all.contains { abs($0.dydx) < 1e-260 && $0.dydx != 0 })
    }

    @Test("Sweeps match the reference in Float: 1e-5, Inf past Float's max, 0 below its range")
    func referenceFloat() {
        for row in ReferenceCurve.all where Double(Float(row.x)) == row.x {
            let sweep = row.chain.sweep(over: [Float(row.x)])
            #expect(isFloatConsistent(sweep.outputs(atDepth: row.depth).first!, reference: row.y), "y of \(row)")
            #expect(isFloatConsistent(sweep.slopes(atDepth: row.depth).first!, reference: row.dydx), "dy/dx of \(row)")
        }
    }

    @Test("A depth-3 relu chain with w = 8 has slopes 8, 64, 512 at x = 1")
    func reluSlopes() {
        let trace = Chain(activation: .relu, weight: 8, depth: 3).trace(at: 1.0)
        #expect(trace.layers.map(\.dydx) == [8, 64, 512])
        #expect(trace.layers.map(\.output) == [8, 64, 512])
    }

    @Test("tanh at 0 has slope 8^L; S5's sigmoid with bias −w/2 has slope 2^L at 0", arguments: 1...12)
    func powerSlopes(depth: Int) {
        let tanh = Chain(activation: .tanh, weight: 8, depth: depth).trace(at: 0.0)
        #expect(tanh.layers.last!.dydx == Foundation.pow(8, Double(depth)))
        let s5 = Chain(activation: .sigmoid, weight: 8, bias: -4, depth: depth,
                       firstLayer: ChainLayer(activation: .sigmoid, weight: 8))
        #expect(isClose(s5.trace(at: 0.0).layers.last!.dydx, Foundation.pow(2, Double(depth)), relative: 1e-14))
    }

    @Test("Sweep, trace and parameter gradients agree", arguments: [Activation.tanh, .sigmoid, .relu, .gelu, .swish])
    func pathsAgree(activation: Activation) {
        let chain = Chain(layers: (1...6).map { ChainLayer(activation: activation, weight: 1.5 - 0.2 * Double($0), bias: 0.1 * Double($0)) })
        let xs = stride(from: -1.0, through: 1.0, by: 0.125).map { $0 }
        let sweep = chain.sweep(over: xs)
        let grads = chain.parameterGradients(of: sweep)
        for (i, x) in xs.enumerated() {
            let trace = chain.trace(at: x)
            // The sweep may take the vectorised kernels (a few ulp from the scalar path); the trace never does.
            for l in 1...chain.depth {
                let k = (l - 1) * xs.count + i
                #expect(isClose(trace.layers[l - 1].output, sweep.y[k], relative: 1e-13))
                #expect(isClose(trace.layers[l - 1].dydx, sweep.dydx[k], relative: 1e-13))
                #expect(isClose(trace.layers[l - 1].outputGradientBias, grads.bias[k], relative: 1e-13))
                #expect(isClose(trace.layers[l - 1].outputGradientWeight, grads.weight[k], relative: 1e-13))
            }
        }
    }

    @Test("Parameter gradients match central finite differences")
    func finiteDifferences() {
        let layers = [ChainLayer(activation: .tanh, weight: 1.3, bias: 0.2), ChainLayer(activation: .sigmoid, weight: -2, bias: 0.5),
                      ChainLayer(activation: .softplus, weight: 0.7, bias: -0.1), ChainLayer(activation: .tanh, weight: 2.2, bias: 0)]
        let x = 0.37
        let trace = Chain(layers: layers).trace(at: x)
        func output(_ layers: [ChainLayer]) -> Double { Chain(layers: layers).trace(at: x).layers.last!.output }
        for l in layers.indices {
            let h = 1e-6
            var up = layers, down = layers
            up[l].weight += h; down[l].weight -= h
            let dw = (output(up) - output(down)) / (2 * h)
            up = layers; down = layers
            up[l].bias += h; down[l].bias -= h
            let db = (output(up) - output(down)) / (2 * h)
            #expect(abs(dw - trace.layers[l].outputGradientWeight) < 1e-8)
            #expect(abs(db - trace.layers[l].outputGradientBias) < 1e-8)
        }
    }

    @Test("Gradients match Swift's _Differentiation on a three-layer tanh chain")
    func automaticDifferentiation() {
        let (w1, w2, w3, x) = (1.7, -0.9, 2.4, 0.6)
        @differentiable(reverse)
        func net(_ w1: Double, _ w2: Double, _ w3: Double) -> Double {
            Foundation.tanh(w3 * Foundation.tanh(w2 * Foundation.tanh(w1 * x + 0.1) - 0.2) + 0.3)
        }
        @differentiable(reverse)
        func netOfX(_ x: Double) -> Double {
            Foundation.tanh(w3 * Foundation.tanh(w2 * Foundation.tanh(w1 * x + 0.1) - 0.2) + 0.3)
        }
        let chain = Chain(layers: [ChainLayer(activation: .tanh, weight: w1, bias: 0.1),
                                   ChainLayer(activation: .tanh, weight: w2, bias: -0.2),
                                   ChainLayer(activation: .tanh, weight: w3, bias: 0.3)])
        let trace = chain.trace(at: x)
        let g = gradient(at: w1, w2, w3, of: net)
        #expect(isClose(trace.layers[0].outputGradientWeight, g.0, relative: 1e-13))
        #expect(isClose(trace.layers[1].outputGradientWeight, g.1, relative: 1e-13))
        #expect(isClose(trace.layers[2].outputGradientWeight, g.2, relative: 1e-13))
        #expect(isClose(trace.layers[2].dydx, gradient(at: x, of: netOfX), relative: 1e-13))
    }

    @Test("Float16 overflows to Inf and keeps going as IEEE says")
    func float16Overflow() {
        let trace = Chain(activation: .relu, weight: 8, depth: 7).trace(at: Float16(1))
        #expect(trace.layers[4].dydx == 32768)
        #expect(trace.layers[5].dydx == .infinity)
        #expect(trace.layers[6].output == .infinity)
    }
}

@Suite struct GenericSweepTests {
    @Test("The generic path split across threads equals the serial loop (Float16, BFloat16, gelu in Double)")
    func parallelEqualsSerial() {
        let xs = (0..<40_003).map { -1 + 2 * Double($0) / 40_002 }
        func check<T: GradFloat>(_: T.Type, _ chain: Chain) {
            let grid = xs.map { T($0) }
            let sweep = chain.sweep(over: grid)
            // The serial loop: every x on its own through the layers' ChainRecurrence kernels, layer-major.
            var y = [T](repeating: 0, count: grid.count * chain.depth), d = y
            let kernels = chain.layers.map(ChainRecurrence<T>.init)
            for (i, x) in grid.enumerated() {
                var input = x, slope: T = 1
                for (l, kernel) in kernels.enumerated() {
                    let step = kernel.forward(input)
                    slope = kernel.carry(slope, slope: step.slope).carried
                    input = step.output
                    (y[l * grid.count + i], d[l * grid.count + i]) = (step.output, slope)
                }
            }
            #expect(sweep.y.elementsEqual(y) { $0 == $1 || ($0.isNaN && $1.isNaN) })
            #expect(sweep.dydx.elementsEqual(d) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
        check(Float16.self, Chain(activation: .tanh, weight: 8, depth: 6))
        check(BFloat16.self, Chain(activation: .sigmoid, weight: 8, bias: -4, depth: 5))
        check(Double.self, Chain(activation: .gelu, weight: 2, depth: 4))
    }
}
