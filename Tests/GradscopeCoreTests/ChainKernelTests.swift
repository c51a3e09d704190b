import Foundation
import RealModule
import Testing
@testable import GradscopeNumerics
@_spi(Benchmarks) @testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct ChainKernelTests {
    /// Runs the fast kernel; nil when it does not apply.
    static func sweep<T: GradFloat>(_ layers: [ChainLayer], _ xs: [T], threads: Int? = nil, isa: Int? = nil)
        -> (y: [T], dydx: [T])? {
        var y = [T](repeating: 0, count: layers.count * xs.count), dydx = y
        let ran = xs.withUnsafeBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { y in
                dydx.withUnsafeMutableBufferPointer { dydx in
                    ChainKernels.sweep(layers: layers, xs: xs, y: y, dydx: dydx, threads: threads, isa: isa)
                }
            }
        }
        return ran ? (y, dydx) : nil
    }

    /// Every ISA the kernels have: scalar, AVX2, AVX-512 (lowered to what this CPU offers).
    static let isas = [0, 2, 3]

    /// |got − exact| in units of the spacing of T at `exact` (the smaller spacing at a power of 2).
    static func ulps<T: GradFloat>(_ got: T, _ exact: Double) -> Double {
        if got.isNaN || exact.isNaN { return got.isNaN && exact.isNaN ? 0 : .infinity }
        let rounded = T(exact)
        if rounded.isInfinite || got.isInfinite { return got == rounded ? 0 : .infinity }
        let spacing = Double(min(rounded.ulp, rounded.magnitude.nextDown.ulp))
        let leastSpacing = Double(T.leastNonzeroMagnitude)
        return (Double(got) - exact).magnitude / max(spacing, leastSpacing)
    }

    // MARK: (a) chains against the mpmath curves

    struct CurveRow {
        var activation: Activation, w: Double, b: Double, depth: Int, x: Double, y: Double, dydx: Double
    }

    static let curveRows: [CurveRow] = {
        let url = Bundle.module.url(forResource: "curves", withExtension: "csv", subdirectory: "Resources")!
        let lines = try! String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        let activations: [String: Activation] = ["relu": .relu, "tanh": .tanh, "sigmoid": .sigmoid, "linear": .linear]
        return lines.compactMap { line in
            let f = line.split(separator: ",").map(String.init)
            guard let act = activations[f[0]] else { return nil }
            return CurveRow(activation: act, w: Double(f[1])!, b: Double(f[2])!, depth: Int(f[3])!,
                            x: Double(f[4])!, y: Double(f[5])!, dydx: Double(f[6])!)
        }
    }()

    /// Runs each (act, w, b) group of curve rows through a chain as deep as its deepest row.
    static func checkCurves<T: GradFloat>(_: T.Type, isa: Int, check: (CurveRow, T, T) -> Void) {
        let groups = Dictionary(grouping: curveRows) { "\($0.activation) \($0.w) \($0.b)" }
        for rows in groups.values {
            let rows = rows.filter { Double(T($0.x)) == $0.x }
            guard let first = rows.first else { continue }
            let depth = rows.map(\.depth).max()!
            let layers = Array(repeating: ChainLayer(activation: first.activation, weight: first.w, bias: first.b), count: depth)
            let xs = rows.map { T($0.x) }
            let (y, dydx) = sweep(layers, xs, isa: isa)!
            for (i, row) in rows.enumerated() {
                check(row, y[(row.depth - 1) * xs.count + i], dydx[(row.depth - 1) * xs.count + i])
            }
        }
    }

    /// sigmoid(8y − 4) from x = 0.5 + 2⁻⁴⁰ rides the unstable fixed point y = 0.5 (slope 2) for
    /// 40 layers: one ulp of error in layer l's y moves dy/dx at depth 50 by κ ulp with
    /// κ ≈ 1e12 (l = 1), 3e7 (l = 15), 1e3 (l = 30) (mpmath). The value is right to 1e-12 only
    /// when every exp on the way is correctly rounded; glibc's scalar exp itself is 1.01e-12 off.
    static func isIllConditioned(_ row: CurveRow) -> Bool {
        row.activation == .sigmoid && row.b == -4 && row.x != 0.5 && (row.x - 0.5).magnitude < 1e-9
    }

    @Test("Double chains match the mpmath curves to 1e-12 (1e-10 on the unstable fixed point)", arguments: isas)
    func doubleCurves(isa: Int) {
        #expect(Self.curveRows.count >= 200)
        Self.checkCurves(Double.self, isa: isa) { row, y, dydx in
            let tolerance = Self.isIllConditioned(row) ? 1e-10 : 1e-12
            for (got, exact, name) in [(y, row.y, "y"), (dydx, row.dydx, "dy/dx")] {
                #expect(got == exact || (got - exact).magnitude <= tolerance * exact.magnitude,
                        "\(row.activation) w=\(row.w) b=\(row.b) depth \(row.depth) x=\(row.x): \(name) \(got) vs \(exact)")
            }
        }
    }

    @Test("Float chains match the mpmath curves: 1e-5 relative, Inf on overflow, 0 or subnormal below", arguments: isas)
    func floatCurves(isa: Int) {
        var checked = 0
        Self.checkCurves(Float.self, isa: isa) { row, y, dydx in
            checked += 1
            for (got, exact, name) in [(y, row.y, "y"), (dydx, row.dydx, "dy/dx")] {
                let rounded = Float(exact)
                let ok = if rounded.isInfinite {
                    got == rounded
                } else if exact.magnitude < Double(Float.leastNormalMagnitude) {
                    (Double(got) - exact).magnitude <= Double(Float.leastNormalMagnitude)
                } else {
                    (Double(got) - exact).magnitude <= 1e-5 * exact.magnitude
                }
                #expect(ok, "\(row.activation) w=\(row.w) b=\(row.b) depth \(row.depth) x=\(row.x): \(name) \(got) vs \(exact)")
            }
        }
        #expect(checked >= 100)
    }

    // MARK: (b) element-wise accuracy, at most 4 ulp

    static let kernelReference: [(z: Double, values: [Double])] = {
        let url = Bundle.module.url(forResource: "kernel_reference", withExtension: "csv", subdirectory: "Resources")!
        let lines = try! String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        return lines.map { line in
            let f = line.split(separator: ",").map { Double(String($0))! }
            return (f[0], Array(f[1...]))
        }
    }()

    /// Max ulp error of (tanh, sech², σ, σ') from a depth-1 chain with w = 1, b = 0.
    static func maxUlps<T: GradFloat>(_: T.Type, isa: Int) -> [Double] {
        let zs = kernelReference.map { T($0.z) }
        let layer = { (activation: Activation) in [ChainLayer(activation: activation, weight: 1, bias: 0)] }
        let tanh = sweep(layer(.tanh), zs, isa: isa)!, sigmoid = sweep(layer(.sigmoid), zs, isa: isa)!
        var worst = [0.0, 0, 0, 0]
        for (i, reference) in kernelReference.enumerated() {
            let got = [tanh.y[i], tanh.dydx[i], sigmoid.y[i], sigmoid.dydx[i]]
            for k in 0..<4 { worst[k] = max(worst[k], ulps(got[k], reference.values[k])) }
        }
        return worst
    }

    @Test("tanh, sech², σ and σ' are within 4 ulp of mpmath in Double and Float", arguments: isas)
    func elementwiseUlps(isa: Int) {
        #expect(Self.kernelReference.count > 2000)
        for (name, worst) in [("Double", Self.maxUlps(Double.self, isa: isa)), ("Float", Self.maxUlps(Float.self, isa: isa))] {
            print("ChainKernels isa \(isa) \(name) max ulp: tanh \(worst[0]), sech² \(worst[1]), σ \(worst[2]), σ' \(worst[3])")
            #expect(worst.allSatisfy { $0 <= 4 }, "\(name) max ulp (tanh, sech², σ, σ'): \(worst)")
        }
    }

    // MARK: (c) the fast path equals the scalar activations, layer by layer

    static func randomChain(_ activations: [Activation], seed: UInt64) -> [ChainLayer] {
        var rng = SplitMix64(seed: seed)
        return activations.map {
            ChainLayer(activation: $0, weight: Double.random(in: -3...3, using: &rng), bias: Double.random(in: -1...1, using: &rng))
        }
    }

    static let chains: [(String, [ChainLayer])] = [
        ("relu w=8", Array(repeating: ChainLayer(activation: .relu, weight: 8), count: 50)),
        ("tanh w=8", Array(repeating: ChainLayer(activation: .tanh, weight: 8), count: 50)),
        ("sigmoid w=8 b=-4", Array(repeating: ChainLayer(activation: .sigmoid, weight: 8, bias: -4), count: 50)),
        ("mixed, random w and b", randomChain([.tanh, .relu, .sigmoid, .linear, .tanh, .sigmoid, .relu, .tanh], seed: 7)),
        ("tanh, random w and b", randomChain(Array(repeating: .tanh, count: 12), seed: 11)),
        ("sigmoid, random w and b", randomChain(Array(repeating: .sigmoid, count: 12), seed: 13)),
    ]

    /// Checks each layer of a C kernel run against the shared Swift kernel ``ChainRecurrence`` applied
    /// to the C kernel's own previous layer: a = w·y + b, y' = φ(a), d' = (d·w)·φ'(a), to 8 ulp (each side ≤ 4).
    static func checkLayers<T: GradFloat>(_ layers: [ChainLayer], xs: [T], y: [T], dydx: [T], label: String) {
        let n = xs.count
        var failures = 0
        for i in 0..<n {
            var yPrev = xs[i], dPrev: T = 1
            for (l, layer) in layers.enumerated() {
                let kernel = ChainRecurrence<T>(layer)
                let v = kernel.forward(yPrev)
                let d = kernel.carry(dPrev, slope: v.slope).carried
                let gotY = y[l * n + i], gotD = dydx[l * n + i]
                if ulps(gotY, Double(v.output)) > 8 || ulps(gotD, Double(d)) > 8 {
                    failures += 1
                    if failures <= 5 {
                        Issue.record("\(label) \(T.self) x=\(xs[i]) layer \(l + 1): y \(gotY) vs \(v.output), dy/dx \(gotD) vs \(d)")
                    }
                }
                yPrev = gotY; dPrev = gotD
            }
        }
        #expect(failures == 0, "\(label) \(T.self): \(failures) layer values off")
    }

    static func randomInputs<T: GradFloat>(_: T.Type, count: Int, seed: UInt64) -> [T] {
        var rng = SplitMix64(seed: seed)
        var xs = (0..<count).map { _ in T(Double.random(in: -2...2, using: &rng)) }
        let special: [T] = [.nan, .infinity, -.infinity, 0, -0.0, .greatestFiniteMagnitude, -.leastNormalMagnitude, 1]
        for (k, value) in special.enumerated() { xs[(k * 7919) % count] = value }
        return xs
    }

    @Test("Each layer of the fast path equals the scalar activations, NaN and Inf included",
          arguments: chains.indices, isas)
    func layersMatchScalar(chain: Int, isa: Int) {
        let (label, layers) = Self.chains[chain]
        let seed = UInt64(100 + chain)
        let xd = Self.randomInputs(Double.self, count: 1_003, seed: seed)
        let d = Self.sweep(layers, xd, isa: isa)!
        Self.checkLayers(layers, xs: xd, y: d.y, dydx: d.dydx, label: "\(label) seed \(seed)")
        let xf = Self.randomInputs(Float.self, count: 1_003, seed: seed)
        let f = Self.sweep(layers, xf, isa: isa)!
        Self.checkLayers(layers, xs: xf, y: f.y, dydx: f.dydx, label: "\(label) seed \(seed)")
    }

    @Test("Splitting x over threads gives the same bits as one thread (n = 100,003)")
    func threadsAgree() {
        let layers = Self.chains[3].1
        for seed: UInt64 in [1, 2] {
            let xs = Self.randomInputs(Double.self, count: 100_003, seed: seed)
            let one = Self.sweep(layers, xs, threads: 1)!, two = Self.sweep(layers, xs, threads: 2)!
            #expect(one.y.elementsEqualBitwise(two.y) && one.dydx.elementsEqualBitwise(two.dydx), "seed \(seed)")
            let xf = Self.randomInputs(Float.self, count: 100_003, seed: seed)
            let oneF = Self.sweep(layers, xf, threads: 1)!, threeF = Self.sweep(layers, xf, threads: 3)!
            #expect(oneF.y.elementsEqualBitwise(threeF.y) && oneF.dydx.elementsEqualBitwise(threeF.dydx), "seed \(seed)")
            Self.checkLayers(Array(layers.prefix(3)), xs: Array(xf.prefix(2_000)),
                             y: (0..<3).flatMap { l in threeF.y[(l * 100_003)..<(l * 100_003 + 2_000)] },
                             dydx: (0..<3).flatMap { l in threeF.dydx[(l * 100_003)..<(l * 100_003 + 2_000)] },
                             label: "threaded seed \(seed)")
        }
    }

    /// Large outputs are streamed (non-temporal stores, from inside the tanh and sigmoid loops
    /// where the rows are aligned); they must hold the same bits as the cached path, whatever the
    /// alignment of y and dy/dx (here 0…7 values off a 64-byte line, y and dy/dx differently).
    static func checkStreamedRows<T: GradFloat>(_: T.Type, isa: Int) {
        let layers = randomChain([.tanh, .sigmoid, .tanh, .relu, .sigmoid, .tanh, .linear, .sigmoid], seed: 21)
            + Array(repeating: ChainLayer(activation: .tanh, weight: 3, bias: 0.25), count: 22)
        let n = 40_009  // 30 rows · n · 2 outputs ≥ 8 MB for Float too: streamed
        let xs = randomInputs(T.self, count: n, seed: 5)
        // The reference: pieces small enough to stay in the caches (not streamed).
        var y = [T](repeating: 0, count: layers.count * n), dydx = y
        for start in stride(from: 0, to: n, by: 1_000) {
            let piece = Array(xs[start..<min(n, start + 1_000)])
            let (py, pd) = sweep(layers, piece, threads: 1, isa: isa)!
            for l in 0..<layers.count {
                for i in 0..<piece.count {
                    y[l * n + start + i] = py[l * piece.count + i]
                    dydx[l * n + start + i] = pd[l * piece.count + i]
                }
            }
        }
        for offset in [0, 1, 3, 7] {
            let dOffset = (offset + 5) % 8
            let pad = 32
            let yBuffer = UnsafeMutableBufferPointer<T>.allocate(capacity: layers.count * n + pad)
            let dBuffer = UnsafeMutableBufferPointer<T>.allocate(capacity: layers.count * n + pad)
            defer { yBuffer.deallocate(); dBuffer.deallocate() }
            // allocate() aligns to 16 bytes at least; move to a 64-byte line, then off it.
            let yStart = (64 - Int(bitPattern: yBuffer.baseAddress) % 64) % 64 / MemoryLayout<T>.stride + offset
            let dStart = (64 - Int(bitPattern: dBuffer.baseAddress) % 64) % 64 / MemoryLayout<T>.stride + dOffset
            let yOut = UnsafeMutableBufferPointer(rebasing: yBuffer[yStart..<(yStart + layers.count * n)])
            let dOut = UnsafeMutableBufferPointer(rebasing: dBuffer[dStart..<(dStart + layers.count * n)])
            let ran = xs.withUnsafeBufferPointer {
                ChainKernels.sweep(layers: layers, xs: $0, y: yOut, dydx: dOut, threads: 2, isa: isa)
            }
            #expect(ran)
            #expect(Array(yOut).elementsEqualBitwise(y) && Array(dOut).elementsEqualBitwise(dydx),
                    "\(T.self) isa \(isa) offsets \(offset), \(dOffset)")
        }
    }

    @Test("Streamed rows at any alignment hold the same bits as the cached path", arguments: isas)
    func streamedRows(isa: Int) {
        Self.checkStreamedRows(Double.self, isa: isa)
        Self.checkStreamedRows(Float.self, isa: isa)
    }

    // MARK: (d) where no kernel applies

    @Test("No fast kernel for Float16 or for activations other than relu, tanh, sigmoid and linear")
    func fallsBack() {
        let tanh = [ChainLayer(activation: .tanh, weight: 2)]
        #expect(Self.sweep(tanh, [Float16(0.5), 1]) == nil)
        for activation: Activation in [.softplus, .elu(alpha: 1), .gelu, .swish, .sine, .leakyRelu(slope: 0.1)] {
            #expect(Self.sweep(tanh + [ChainLayer(activation: activation, weight: 1)], [0.5, 1.0]) == nil)
            #expect(Self.sweep([ChainLayer(activation: activation, weight: 1)], [Float(0.5)]) == nil)
        }
        #expect(Self.sweep(tanh, [0.5, 1.0]) != nil)
    }
}

extension Array where Element: BinaryFloatingPoint {
    /// Equal bit for bit (NaNs with the same payload are equal).
    func elementsEqualBitwise(_ other: [Element]) -> Bool {
        count == other.count && zip(self, other).allSatisfy { a, b in a == b || (a.isNaN && b.isNaN) }
    }
}

