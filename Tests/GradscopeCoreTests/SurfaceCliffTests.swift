import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct SurfaceCliffTests {
    @Test("Bisection finds the wall where x_0 is the unstable fixed point, b = x_0 − w·φ(x_0)",
          arguments: [(Activation.sigmoid, 8.0), (.sigmoid, 10.0), (.sigmoid, 14.0), (.tanh, 2.5), (.tanh, 4.0)])
    func analyticWall(activation: Activation, w: Double) throws {
        let model = SurfaceModel(activation: activation, loss: .state)
        let range = activation == .tanh ? -3.0...1.0 : -10.0...2.0
        let wall = try #require(model.basinBoundary(atW: w, b: range))
        #expect(abs(wall.b - (0.5 - w * activation(0.5))) < 1e-7, "\(wall.b)")
        #expect(wall.steepness > 1e6)
        // At T = 50 the orbit needs w·φ'(x_0) well above 1 to have left x_0 on both sides.
        if w >= 10 || activation == .tanh { #expect(min(wall.stateBelow, wall.stateAbove) < 0.5 && max(wall.stateBelow, wall.stateAbove) > 0.5) }
    }

    @Test("No wall where w·σ'(x_0) < 1: the map has one attracting fixed point there")
    func noWall() {
        #expect(SurfaceModel.pascanu.basinBoundary(atW: 3, b: -10...2) == nil)
        #expect(SurfaceModel.benchmark(.tanh).basinBoundary(atW: 0.8, b: -3...1) == nil)
    }

    /// The Done-when: the heatmap's wall lies where the basin boundary is.
    @Test("On Pascanu's 512×512 grid the loss jumps and ‖∇L‖ peaks at the bisected wall in every column that has one")
    func heatmapWallIsTheBasinBoundary() {
        let result = CliffExperiment.pascanu.run(in: Double.self)
        let grid = result.grid
        let spacing = grid.bs[1] - grid.bs[0]
        var checked = 0
        for column in stride(from: 0, to: grid.columns, by: 16) {
            guard let wall = SurfaceModel.pascanu.basinBoundary(atW: grid.ws[column], b: -10...2) else { continue }
            checked += 1
            // The largest jump of the loss between neighbouring rows brackets the wall.
            let jump = (0..<grid.rows - 1).max { a, b in
                abs(grid.loss[grid.index(column: column, row: a + 1)] - grid.loss[grid.index(column: column, row: a)])
                    < abs(grid.loss[grid.index(column: column, row: b + 1)] - grid.loss[grid.index(column: column, row: b)])
            }!
            #expect(grid.bs[jump] <= wall.b && wall.b <= grid.bs[jump + 1], "w = \(grid.ws[column])")
            // The row of the largest ‖∇L‖ is one of the two rows around the wall.
            let peak = grid.rowOfMaximumGradient(inColumn: column)!
            #expect(abs(grid.bs[peak] - wall.b) < spacing, "w = \(grid.ws[column]): peak at b = \(grid.bs[peak]), wall at \(wall.b)")
        }
        #expect(checked >= 14)
        #expect(result.walls.map(\.w) == [8, 9, 10, 11, 12, 13, 14])
    }

    @Test("A steep but continuous x_T(b) is no wall: at w = 5 and 6 x_T is the same on both sides of the bracket")
    func smoothIsNoWall() throws {
        for w in [5.0, 6] {
            #expect(SurfaceModel.pascanu.basinBoundary(atW: w, b: -10...2) == nil, "w = \(w)")
        }
        // At w = 8 the two sides lie in different basins: x_T ≈ −4.05 below, 3.19 above.
        let wall = try #require(SurfaceModel.pascanu.basinBoundary(atW: 8, b: -10...2))
        #expect(wall.stateBelow < -4 && wall.stateAbove > 3)
    }

    @Test("Unclipped descent is thrown off the cliff; clipped descent never steps further than η·threshold")
    func clipping() {
        let result = CliffExperiment.pascanu.run(in: Double.self)
        let unclipped = result.unclipped, clipped = result.clipped
        let typical = unclipped.steps.prefix(10).map(\.stepLength).max()!
        #expect(unclipped.longestStep > 5)
        #expect(unclipped.longestStep > 10 * typical)
        #expect(unclipped.steps.last!.b > 2, "thrown out of the window")
        #expect(clipped.clippedCount >= 1)
        for step in clipped.steps {
            #expect(step.stepLength <= 1 * 1 * (1 + 1e-12), "step \(step.iteration): \(step.stepLength)")
            #expect(step.clipped == (step.gradientNorm > 1))
        }
        #expect(clipped.stayedFinite && unclipped.stayedFinite)
        #expect(clipped.steps.last!.loss < 0.01)
        #expect(clipped.displacement < 2)
    }

    @Test("Descent stops at the first non-finite gradient and records it")
    func nonFiniteStops() {
        let model = SurfaceModel(activation: .linear, initialState: 1, target: 0, steps: 300, loss: .state)
        let path = model.descend(from: (w: 20, b: 0), learningRate: 0.1, iterations: 10)
        #expect(path.steps.count == 1)
        #expect(!path.stayedFinite)
        #expect(path.steps[0].stepLength == 0)
    }

    @Test("Descent and clipping follow Algorithm 1 step by step")
    func algorithmOne() {
        let model = SurfaceModel.benchmark(.tanh)
        let path = model.descend(from: (w: 1.2, b: 0.3), learningRate: 0.05, iterations: 3, clipThreshold: 0.5)
        var (w, b) = (1.2, 0.3)
        for step in path.steps.dropLast() {
            let p = model.evaluate(w: w, b: b)
            #expect(step.w == w && step.b == b && step.dLossDW == p.dLossDW)
            let scale = p.gradientNorm > 0.5 ? 0.05 * 0.5 / p.gradientNorm : 0.05
            w -= scale * p.dLossDW
            b -= scale * p.dLossDB
        }
        #expect(path.steps.last!.w == w && path.steps.last!.b == b)
        #expect(path.steps.count == 4)
    }
}
