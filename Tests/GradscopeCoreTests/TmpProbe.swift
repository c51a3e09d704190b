import Testing
@testable import GradscopeCore

@Test func probeDescent() {
    let m = SurfaceModel.pascanu
    for w in stride(from: 2.0, through: 14, by: 1) {
        let wall = m.basinBoundary(atW: w, b: -10...2)
        print("PROBE wall w=\(w)", wall.map { "\($0.b) jump \($0.jump) steep \($0.steepness)" } ?? "nil", "analytic", 0.5 - w * Activation.sigmoid(0.5))
    }
    let t = SurfaceModel(activation: .tanh, loss: .state)
    for w in stride(from: 0.5, through: 4, by: 0.5) {
        let wall = t.basinBoundary(atW: w, b: -3...1)
        print("PROBE tanh wall w=\(w)", wall.map { "\($0.b) jump \($0.jump) steep \($0.steepness)" } ?? "nil", "analytic", 0.5 - w * Activation.tanh(0.5))
    }
}
