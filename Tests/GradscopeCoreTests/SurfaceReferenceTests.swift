import GradscopeTestSupport
import Testing
@testable import GradscopeNumerics
@_spi(Benchmarks) @testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct SurfaceReferenceTests {
    static let rows = ReferenceSurfacePoint.all

    /// The vectorised grid path at a single point (a 1 × 1 grid) with the given ISA.
    static func kernelPoint<T: GradFloat>(_ row: ReferenceSurfacePoint, _: T.Type, isa: Int? = nil) -> SurfacePoint<T> {
        var loss: [T] = [0], dw: [T] = [0], db: [T] = [0]
        loss.withUnsafeMutableBufferPointer { l in
            dw.withUnsafeMutableBufferPointer { w in
                db.withUnsafeMutableBufferPointer { b in
                    SurfaceKernels.evaluate(row.model, ws: [T(row.w)], bs: [T(row.b)],
                                            into: .init(loss: l, dLossDW: w, dLossDB: b), threads: 1, isa: isa)
                }
            }
        }
        return SurfacePoint(loss: loss[0], dLossDW: dw[0], dLossDB: db[0], finalState: .nan)
    }

    @Test("The reference file has its 53 rows; 4 are ill-conditioned in Double, 44 testable in Float")
    func file() {
        #expect(Self.rows.count == 53)
        #expect(Self.rows.count { $0.isOnCliff } == 2)
        #expect(Self.rows.count { $0.isIllConditionedInDouble } == 4)
        #expect(Self.rows.count { $0.isFloatConditioned } == 44)
    }

    @Test("Double scalar path matches every surface.csv row (1e−9, ill-conditioned rows 1e−4)", arguments: rows)
    func doubleScalar(row: ReferenceSurfacePoint) {
        let p = row.model.evaluate(w: row.w, b: row.b)
        let tolerance = row.doubleTolerance
        #expect(isClose(p.loss, row.loss, relative: tolerance), "loss \(p.loss) vs \(row.loss)")
        #expect(isClose(p.dLossDW, row.dLossDW, relative: tolerance), "dL/dw \(p.dLossDW) vs \(row.dLossDW)")
        #expect(isClose(p.dLossDB, row.dLossDB, relative: tolerance), "dL/db \(p.dLossDB) vs \(row.dLossDB)")
    }

    @Test("Double kernels (AVX-512, AVX2, scalar libm) match every surface.csv row", arguments: rows, [3, 2, 0])
    func doubleKernel(row: ReferenceSurfacePoint, isa: Int) {
        let p = Self.kernelPoint(row, Double.self, isa: isa)
        let tolerance = row.doubleTolerance
        #expect(isClose(p.loss, row.loss, relative: tolerance), "loss \(p.loss) vs \(row.loss)")
        #expect(isClose(p.dLossDW, row.dLossDW, relative: tolerance), "dL/dw \(p.dLossDW) vs \(row.dLossDW)")
        #expect(isClose(p.dLossDB, row.dLossDB, relative: tolerance), "dL/db \(p.dLossDB) vs \(row.dLossDB)")
    }

    @Test("Float scalar path and kernel match the well-conditioned rows to 1e−4", arguments: rows.filter(\.isFloatConditioned))
    func float(row: ReferenceSurfacePoint) {
        for (name, p) in [("scalar", row.model.evaluate(w: Float(row.w), b: Float(row.b))),
                          ("kernel", Self.kernelPoint(row, Float.self))] {
            #expect(isClose(Double(p.loss), row.loss, relative: 1e-4), "\(name) loss \(p.loss) vs \(row.loss)")
            #expect(isClose(Double(p.dLossDW), row.dLossDW, relative: 1e-4), "\(name) dL/dw \(p.dLossDW) vs \(row.dLossDW)")
            #expect(isClose(Double(p.dLossDB), row.dLossDB, relative: 1e-4), "\(name) dL/db \(p.dLossDB) vs \(row.dLossDB)")
        }
    }
}
