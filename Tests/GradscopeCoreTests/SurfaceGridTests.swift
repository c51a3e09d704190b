import GradscopeTestSupport
import Testing
@testable import GradscopeNumerics
@_spi(Benchmarks) @testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct SurfaceGridTests {
    static let models: [SurfaceModel] = [
        .pascanu, .benchmark(.sigmoid), .benchmark(.tanh),
        SurfaceModel(activation: .tanh, initialState: -0.3, target: 0.1, steps: 10, loss: .output),
    ]

    /// Equal to 1e−9 relative (the kernels use their own vector exp, ≤ 1.1 ulp), except where the point is
    /// so close to the wall that the orbit amplifies those ulps (‖∇L‖ above 1e3).
    static func agree<T: GradFloat>(_ grid: SurfaceGrid<T>, _ model: SurfaceModel, tolerance: Double) -> [String] {
        var failures: [String] = []
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let i = grid.index(column: column, row: row)
                let p = model.evaluate(w: T(grid.ws[column]), b: T(grid.bs[row]))
                if p.gradientNorm > 1e3 { continue }
                for (a, b) in [(grid.loss[i], p.loss), (grid.dLossDW[i], p.dLossDW), (grid.dLossDB[i], p.dLossDB)] {
                    let close = abs(Double(a) - Double(b)) <= tolerance * max(abs(Double(b)), 1e-12)
                    if !close { failures.append("(\(grid.ws[column]), \(grid.bs[row])): \(a) vs \(b)") }
                }
            }
        }
        return failures
    }

    @Test("The Double grid (kernels) equals the scalar path point by point", arguments: models)
    func doubleGrid(model: SurfaceModel) {
        let grid = model.surface(w: 0.5...14, b: -10...2, columns: 37, rows: 29, in: Double.self)
        let failures = Self.agree(grid, model, tolerance: 1e-9)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("The Float grid (kernels) equals the scalar Float path to 1e−4", arguments: models)
    func floatGrid(model: SurfaceModel) {
        let grid = model.surface(w: 0.5...14, b: -10...2, columns: 37, rows: 29, in: Float.self)
        let failures = Self.agree(grid, model, tolerance: 1e-4)
        #expect(failures.count <= grid.loss.count / 100, "\(failures.count): \(failures.prefix(5))")
    }

    @Test("tanh kernels keep relative accuracy as the orbit decays to 0 (b = 0, |w| < 1), every ISA", arguments: [3, 2, 0])
    func tanhNearZero(isa: Int) {
        let model = SurfaceModel(activation: .tanh, initialState: 0.5, target: 0, steps: 200, loss: .state)
        let ws: [Double] = [0.3, 0.5, 0.8, 0.9, -0.95, 0.99], bs: [Double] = [0, 1e-9, -1e-6]
        var loss = [Double](repeating: 0, count: 18), dw = loss, db = loss
        loss.withUnsafeMutableBufferPointer { l in
            dw.withUnsafeMutableBufferPointer { w in
                db.withUnsafeMutableBufferPointer { b in
                    SurfaceKernels.evaluate(model, ws: ws, bs: bs, into: .init(loss: l, dLossDW: w, dLossDB: b), isa: isa)
                }
            }
        }
        for (r, b) in bs.enumerated() {
            for (c, w) in ws.enumerated() {
                let p = model.evaluate(w: w, b: b), i = r * ws.count + c
                #expect(isClose(loss[i], p.loss, relative: 1e-12), "(\(w), \(b)): \(loss[i]) vs \(p.loss)")
                #expect(isClose(dw[i], p.dLossDW, relative: 1e-12), "(\(w), \(b)): \(dw[i]) vs \(p.dLossDW)")
                #expect(isClose(db[i], p.dLossDB, relative: 1e-12), "(\(w), \(b)): \(db[i]) vs \(p.dLossDB)")
            }
        }
    }

    @Test("Saturated and overflowing lanes (e^−|x| underflows, NaN weights) match the scalar path", arguments: [3, 2, 0])
    func extremes(isa: Int) {
        for model in [SurfaceModel.pascanu, .benchmark(.tanh), SurfaceModel(activation: .tanh, initialState: 300, target: 0, steps: 3, loss: .output)] {
            let ws: [Double] = [1e3, -1e3, 372.5, 2e4, .nan, 1e300], bs: [Double] = [-740, -372.6, 0, 1e5]
            var loss = [Double](repeating: 0, count: 24), dw = loss, db = loss
            loss.withUnsafeMutableBufferPointer { l in
                dw.withUnsafeMutableBufferPointer { w in
                    db.withUnsafeMutableBufferPointer { b in
                        SurfaceKernels.evaluate(model, ws: ws, bs: bs, into: .init(loss: l, dLossDW: w, dLossDB: b), isa: isa)
                    }
                }
            }
            for (r, b) in bs.enumerated() {
                for (c, w) in ws.enumerated() {
                    let p = model.evaluate(w: w, b: b), i = r * ws.count + c
                    for (kernel, scalar) in [(loss[i], p.loss), (dw[i], p.dLossDW), (db[i], p.dLossDB)] {
                        let same = kernel.isNaN ? scalar.isNaN : kernel == scalar || abs(kernel - scalar) <= 1e-9 * abs(scalar) + 1e-300
                        #expect(same, "\(model.activation) (\(w), \(b)): \(kernel) vs \(scalar)")
                    }
                }
            }
        }
    }

    @Test("Splitting the rows across threads gives exactly the serial values", arguments: [2, 3, 8])
    func threadsEqualSerial(threads: Int) {
        for model in [SurfaceModel.pascanu, .benchmark(.tanh)] {
            let serial = model.surface(w: 2...14, b: -10...2, columns: 300, rows: 67, in: Double.self, threads: 1)
            let split = model.surface(w: 2...14, b: -10...2, columns: 300, rows: 67, in: Double.self, threads: threads)
            #expect(serial.loss == split.loss && serial.dLossDW == split.dLossDW && serial.dLossDB == split.dLossDB)
            let serialFloat = model.surface(w: 2...14, b: -10...2, columns: 300, rows: 67, in: Float.self, threads: 1)
            let splitFloat = model.surface(w: 2...14, b: -10...2, columns: 300, rows: 67, in: Float.self, threads: threads)
            #expect(serialFloat.loss == splitFloat.loss && serialFloat.dLossDW == splitFloat.dLossDW)
        }
    }

    @Test("The generic path (any activation, Float16) fills the grid like the scalar path")
    func genericPath() {
        let model = SurfaceModel(activation: .softplus, initialState: 0.2, target: 0.5, steps: 8, loss: .state)
        let grid = model.surface(w: -1...1, b: -1...1, columns: 9, rows: 7, in: Double.self, threads: 2)
        #expect(Self.agree(grid, model, tolerance: 0).isEmpty)
        let half = SurfaceModel.pascanu.surface(w: 2...14, b: -10...2, columns: 5, rows: 5, in: Float16.self)
        #expect(Self.agree(half, .pascanu, tolerance: 0).isEmpty)
        let forced = SurfaceModel.pascanu.surface(w: 2...14, b: -10...2, columns: 5, rows: 5, in: Double.self, vectorised: false)
        #expect(Self.agree(forced, .pascanu, tolerance: 0).isEmpty)
    }

    @Test("Grid axes are numpy's linspace: ends exact, rows are b, columns are w")
    func axes() {
        let grid = SurfaceModel.pascanu.surface(w: 2...14, b: -10...2, columns: 4, rows: 3, in: Double.self)
        #expect(grid.ws == [2, 6, 10, 14])
        #expect(grid.bs == [-10, -4, 2])
        #expect(grid.loss[grid.index(column: 3, row: 0)] == SurfaceModel.pascanu.evaluate(w: 14.0, b: -10.0).loss
                || isClose(grid.loss[grid.index(column: 3, row: 0)], SurfaceModel.pascanu.evaluate(w: 14.0, b: -10.0).loss, relative: 1e-12))
        #expect(SurfaceGrid<Double>.samples(0.5...4, count: 512).last == 4)
    }
}
