import GradscopeTestSupport
import Foundation
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

/// One row of `Resources/surface.csv`, the mpmath reference (a byte-identical copy of
/// `shared/reference/surface.csv`): `x_t = w·act(x_{t−1}) + b`, loss `(x_T − target)²`.
struct ReferenceSurfacePoint: Sendable, CustomStringConvertible {
    var activation: Activation
    var w, b, x0, target: Double
    var steps: Int
    var loss, dLossDW, dLossDB: Double

    var description: String { "\(activation) w=\(w) b=\(b) x0=\(x0) target=\(target) T=\(steps)" }

    var model: SurfaceModel {
        SurfaceModel(activation: activation, initialState: x0, target: target, steps: steps, loss: .state)
    }

    /// On the cliff (|∇| > 1e6, the reference README's rule) the rows are ill-conditioned.
    var isOnCliff: Bool { (dLossDW * dLossDW + dLossDB * dLossDB).squareRoot() > 1e6 }

    /// How much the orbit amplifies a rounding error made early on: `κ = max_t Π_{s<t} |w·φ'(x_s)|`.
    /// Rows that start within 1e−10 of the wall's b have a small |∇| (the orbit escapes the
    /// unstable fixed point and settles before T) but κ ≈ 1e9–1e10: any Double forward pass
    /// rounds w·φ(x_0) + b by ~1e−16 and that error grows by κ, to ~1e−6 in the gradient.
    var amplification: Double {
        let states = model.states(w: w, b: b)
        var product = 1.0, largest = 1.0
        for x in states.dropFirst().dropLast() {
            product *= abs(w * activation.derivative(at: x))
            largest = max(largest, product)
        }
        return largest
    }

    /// The README's cliff rows plus the rows whose amplification exceeds 1e8 (κ·2^−53 > 1e−9).
    var isIllConditionedInDouble: Bool { isOnCliff || amplification > 1e8 }

    /// 1e−9 relative in Double, 1e−4 where ill-conditioned (shared/reference/README.md).
    var doubleTolerance: Double { isIllConditionedInDouble ? 1e-4 : 1e-9 }

    /// Float can be held to 1e−4 where neither its arithmetic nor the rounding of w and b to
    /// Float is amplified past it: κ·2^−24 ≤ 1e−2, and the exact model at the rounded inputs
    /// is within 1e−5 of the reference.
    var isFloatConditioned: Bool {
        guard !isIllConditionedInDouble, amplification * 0x1p-24 <= 1e-2 else { return false }
        let rounded = model.evaluate(w: Double(Float(w)), b: Double(Float(b)))
        return isClose(rounded.loss, loss, relative: 1e-5) && isClose(rounded.dLossDW, dLossDW, relative: 1e-5)
            && isClose(rounded.dLossDB, dLossDB, relative: 1e-5)
    }

    static let all: [ReferenceSurfacePoint] = {
        let url = Bundle.module.url(forResource: "surface", withExtension: "csv", subdirectory: "Resources")!
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            return ReferenceSurfacePoint(activation: Activation(named: f[0])!, w: Double(f[1])!, b: Double(f[2])!,
                                         x0: Double(f[3])!, target: Double(f[4])!, steps: Int(f[5])!,
                                         loss: Double(f[6])!, dLossDW: Double(f[7])!, dLossDB: Double(f[8])!)
        }
    }()
}
