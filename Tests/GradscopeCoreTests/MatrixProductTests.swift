import CVectorMath
import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct MatrixProductTests {
    @Test("The built-in GEMM loop equals the run-time BLAS (or itself) for every transposition", arguments: [(0, 0), (0, 1), (1, 0), (1, 1)])
    func loopMatchesBLAS(transA: Int32, transB: Int32) {
        var rng = SplitMix64(seed: 42)
        let (m, n, k) = (7, 13, 9)
        let a = (0..<m * k).map { _ in Double.random(in: -1...1, using: &rng) }
        let b = (0..<k * n).map { _ in Double.random(in: -1...1, using: &rng) }
        let start = (0..<m * n).map { _ in Double.random(in: -1...1, using: &rng) }
        var viaGEMM = start, viaLoop = start
        let lda = transA == 0 ? Int32(k) : Int32(m), ldb = transB == 0 ? Int32(n) : Int32(k)
        gs_dgemm(transA, transB, Int32(m), Int32(n), Int32(k), 0.5, a, lda, b, ldb, 2, &viaGEMM, Int32(n))
        gs_dgemm_loop(transA, transB, Int32(m), Int32(n), Int32(k), 0.5, a, lda, b, ldb, 2, &viaLoop, Int32(n))
        // Independently: C = 0.5·op(A)·op(B) + 2·C by the definition.
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    sum += (transA == 0 ? a[i * k + p] : a[p * m + i]) * (transB == 0 ? b[p * n + j] : b[j * k + p])
                }
                let expected = 0.5 * sum + 2 * start[i * n + j]
                let (gemmError, loopError) = (abs(viaGEMM[i * n + j] - expected), abs(viaLoop[i * n + j] - expected))
                #expect(gemmError <= 1e-13)
                #expect(loopError <= 1e-13)
            }
        }
        var floats = [Float](repeating: .nan, count: m * n)
        gs_sgemm_loop(transA, transB, Int32(m), Int32(n), Int32(k), 1, a.map(Float.init), lda, b.map(Float.init), ldb, 0, &floats, Int32(n))
        let allFinite = floats.allSatisfy { $0.isFinite }
        #expect(allFinite, "β = 0 ignores what C held, NaN included")
    }
}
