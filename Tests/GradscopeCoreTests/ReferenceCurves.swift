import GradscopeTestSupport
import Foundation
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

/// One row of `Resources/curves.csv`, the mpmath reference (a byte-identical copy of
/// `shared/reference/curves.csv`): `y_L` and `dy_L/dx` of `act(w·y + b)` nested L times.
struct ReferenceCurve: Sendable, CustomStringConvertible {
    var activation: Activation
    var weight: Double
    var bias: Double
    var depth: Int
    var x: Double
    var y: Double
    var dydx: Double

    var description: String { "\(activation) w=\(weight) b=\(bias) L=\(depth) x=\(x)" }

    /// 1e−12 relative, except on the rows that start 2^−40 from the sigmoid chain's unstable
    /// fixed point y = 0.5 (w = 8, b = −4): there the multiplier 2 per layer amplifies a
    /// one-ulp difference in y_l near 0.5 about 10^12-fold by depth 50 (numpy's own recurrence
    /// with glibc's scalar exp is off by 1.02e−12, the vectorised kernels by 4.2e−12), so they get 1e−11.
    var doubleTolerance: Double {
        activation == .sigmoid && bias == -4 && x == 0.5 + 0x1p-40 ? 1e-11 : 1e-12
    }

    var chain: Chain { Chain(activation: activation, weight: weight, bias: bias, depth: depth) }

    static let all: [ReferenceCurve] = {
        let url = Bundle.module.url(forResource: "curves", withExtension: "csv", subdirectory: "Resources")!
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            return ReferenceCurve(activation: Activation(named: f[0])!, weight: Double(f[1])!, bias: Double(f[2])!,
                                  depth: Int(f[3])!, x: Double(f[4])!, y: Double(f[5])!, dydx: Double(f[6])!)
        }
    }()
}

/// Checks a Float result against a Double reference with the rules of `shared/reference/README.md`:
/// 1e−5 relative where the true value is a normal Float, ±Inf where it overflows Float,
/// 0 or a subnormal (absolute tolerance of Float's least normal) below Float's normal range.
func isFloatConsistent(_ value: Float, reference: Double) -> Bool {
    let magnitude = abs(reference)
    if magnitude >= Double(Float.greatestFiniteMagnitude) * (1 + 0x1p-25) {
        return value.isInfinite && (value > 0) == (reference > 0)
    }
    if magnitude < Double(Float.leastNormalMagnitude) {
        return abs(Double(value) - reference) <= Double(Float.leastNormalMagnitude)
    }
    return isClose(Double(value), reference, relative: 1e-5)
}
