import GradscopeNumerics
import RealModule

/// Words for a value that is a product of many factors, the post's "the gradient is the
/// product of the weights": "the product of 45 factors w·φ'(a) = 8 and ∂L/∂y_L = -0.0238
/// (≈ -1e39)".
enum FactorProduct {
    /// - Parameters:
    ///   - factors: the repeated factors, in Double.
    ///   - name: what each factor is, e.g. "w·φ'(a)".
    ///   - extras: more named factors, e.g. [("∂L/∂y_L", −0.0238)], or [("x", 0.5)].
    static func describe(_ factors: [Double], named name: String, times extras: [(String, Double)] = []) -> String {
        guard let first = factors.first else {
            return extras.isEmpty ? "1" : "the product of " + extras.map { "\($0.0) = \(TerminalNumber.brief($0.1))" }.joined(separator: " and ")
        }
        let low = factors.min()!, high = factors.max()!
        let same = factors.allSatisfy { ($0 - first).magnitude <= 1e-6 * first.magnitude }
        // A name in parentheses is an explanation and follows the value.
        let explanation = name.hasPrefix("(")
        var text = "the product of \(factors.count) factor\(factors.count == 1 ? "" : "s")" + (explanation ? "" : " \(name)")
        text += same ? " = \(TerminalNumber.brief(first))" : " between \(TerminalNumber.brief(low)) and \(TerminalNumber.brief(high))"
        if explanation { text += " \(name)" }
        var logMagnitude = factors.reduce(0) { $0 + Double.log10($1.magnitude) }
        var negative = factors.reduce(false) { $0 != ($1 < 0) }
        for (extraName, value) in extras {
            text += " and \(extraName) = \(TerminalNumber.brief(value))"
            logMagnitude += Double.log10(value.magnitude)
            negative = negative != (value < 0)
        }
        if logMagnitude.isFinite {
            let exponent = logMagnitude.rounded(.down)
            let mantissa = Double.pow(10, logMagnitude - exponent)
            text += " (≈ \(negative ? "-" : "")\(TerminalNumber.brief(mantissa))e\(Int(exponent)))"
        }
        return text
    }
}
