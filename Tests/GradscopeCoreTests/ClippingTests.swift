import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

/// torch.nn.utils.clip_grad_norm_ / clip_grad_value_, case by case.
@Suite struct ClippingTests {
    func groups<T: GradFloat>(_ values: [[T]]) -> ParameterGroups<T> {
        ParameterGroups(names: values.indices.map { "g\($0)" }, values: values)
    }

    @Test("Above maxNorm: one norm over all groups, scaled by maxNorm/(norm + 1e-6), total returned")
    func scalesDown() throws {
        var g = groups([[3.0, 0], [4.0]])
        let total = try g.clipGradNorm(maxNorm: 1)
        #expect(total == 5)
        let coef: Double = 1 / (5 + 1e-6)
        #expect(g.values == [[3 * coef, 0], [4 * coef]])
    }

    @Test("Exactly at maxNorm it still scales by maxNorm/(norm + 1e-6)")
    func atMaxNorm() throws {
        var g = groups([[3.0], [4.0]])
        #expect(try g.clipGradNorm(maxNorm: 5) == 5)
        let coef: Double = 5 / (5 + 1e-6)
        #expect(g.values == [[3 * coef], [4 * coef]])
        #expect(g.values[0][0] < 3)
        var f = groups([[Float(3)], [Float(4)]])
        try f.clipGradNorm(maxNorm: 5)
        #expect(f.values[0][0] == Float(3) * ((1 / (Float(5) + Float(1e-6))) * Float(5)))
    }

    @Test("Below maxNorm the factor is clamped to 1: unchanged")
    func belowMaxNorm() throws {
        var g = groups([[0.3, -0.4]])
        #expect(try g.clipGradNorm(maxNorm: 1) == 0.5)
        #expect(g.values == [[0.3, -0.4]])
    }

    @Test("The total norm is the norm of the group norms, not of the flat list")
    func normOfNorms() {
        let g = groups([[1.0, 2, 2], [0.0, 4]])
        let norms = g.groupNorms()
        #expect(norms == [3, 4])
        #expect(g.norm() == 5)
    }

    @Test("NaN gradients with errorIfNonfinite false: NaN everywhere after scaling")
    func nanEverywhere() throws {
        var g = groups([[1.0, .nan], [2.0]])
        let total = try g.clipGradNorm(maxNorm: 1)
        #expect(total.isNaN)
        let allNaN = g.values.allSatisfy { $0.allSatisfy { $0.isNaN } }
        #expect(allNaN)
    }

    @Test("An infinite norm gives factor 0: finite gradients become 0, infinite ones NaN")
    func infiniteNorm() throws {
        var g = groups([[1.0, .infinity], [-2.0]])
        #expect(try g.clipGradNorm(maxNorm: 1) == .infinity)
        #expect(g.values[0][0] == 0 && g.values[1][0] == 0)
        #expect(g.values[0][1].isNaN)
    }

    @Test("errorIfNonfinite throws on NaN and Inf norms and leaves the gradients alone", arguments: [Double.nan, .infinity])
    func errorIfNonfinite(bad: Double) {
        var g = groups([[1.0, bad]])
        #expect(throws: ClippingError.self) { try g.clipGradNorm(maxNorm: 1, errorIfNonfinite: true) }
        #expect(g.values[0][0] == 1)
    }

    @Test("Norm type ∞: the largest magnitude over all groups")
    func infinityNorm() throws {
        var g = groups([[-7.0, 2], [3.0]])
        #expect(try g.clipGradNorm(maxNorm: 3.5, normType: .infinity) == 7)
        let coef: Double = (1 / (7 + 1e-6)) * 3.5  // PyTorch: max_norm / tensor is tensor.reciprocal() * max_norm
        #expect(g.values == [[-7 * coef, 2 * coef], [3 * coef]])
        #expect(groups([[1.0, .nan]]).norm(type: .infinity).isNaN)
    }

    @Test("Other p: (Σ|x|^p)^(1/p)")
    func pNorm() {
        let n = groups([[1.0, 2], [3.0]]).norm(type: 3)
        // group norms (1 + 8)^(1/3), 3; total ((9) + 27)^(1/3) = 36^(1/3)
        #expect(abs(n * n * n - 36) < 1e-12)
    }

    @Test("No gradients: total norm 0")
    func empty() throws {
        var g = ParameterGroups<Double>(names: [], values: [])
        #expect(try g.clipGradNorm(maxNorm: 1) == 0)
    }

    @Test("Float16 norms accumulate in Float32 (300, 400 → 500); Float32 squares overflow as in PyTorch")
    func accumulation() {
        #expect(groups([[Float16(300), Float16(400)]]).norm() == 500)
        #expect(groups([[Float(1e20)]]).norm() == .infinity)
        #expect(groups([[Double(1e20)]]).norm() == 1e20)
    }

    @Test("clip_grad_value_: clamp into [-c, c], ±Inf to ±c, NaN stays NaN")
    func clipValue() {
        var g = groups([[-2.0, 0.3, .infinity], [-.infinity, .nan]])
        g.clipGradValue(0.5)
        #expect(Array(g.values[0]) == [-0.5, 0.3, 0.5])
        #expect(g.values[1][0] == -0.5)
        #expect(g.values[1][1].isNaN)
    }

    @Test("clip_grad_value_ with a negative value: torch.clamp(min > max) gives max everywhere")
    func negativeClipValue() {
        var g = groups([[-2.0, 0.3, 4]])
        g.clipGradValue(-0.5)
        #expect(g.values == [[-0.5, -0.5, -0.5]])
    }
}
