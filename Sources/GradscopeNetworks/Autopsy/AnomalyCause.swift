import GradscopeNumerics
/// The cause of an anomalous operation in words, from its kind and operands.
///
///     overflow:   "the product 8 × 4.25e37 = 3.4e38·… exceeds Float32's maximum 3.4e38"
///     Inf × 0:    "Inf × 0: ∂L/∂a_1 = -Inf times y_0 = 0"
///     Inf − Inf:  "Inf − Inf"
///     underflow:  "the product … = 4.6e-8 is below half of Float16's smallest subnormal 6e-8, so it rounds to 0"
///
/// An operand that is a parameter which became non-finite earlier is named: "after the
/// weight w_1 became -Inf at step 1".
enum AnomalyCause {
    static func describe(_ kind: Anomaly.Kind, site: OperationSite, precision: Precision,
                         history: [String: (step: Int, value: Double)]) -> String {
        let values = site.operands.map(\.value)
        let text = switch kind {
        case .infinity: overflow(site, values, precision)
        case .nan: notANumber(site, values)
        case .underflow: underflow(site, values, precision)
        }
        let earlier = site.operands.compactMap { operand -> String? in
            guard let name = operand.parameter, let gone = history[name] else { return nil }
            return "\(name) became \(TerminalNumber.brief(gone.value)) at step \(gone.step)"
        }
        return earlier.isEmpty ? text : text + " after " + earlier.joined(separator: " and ")
    }

    /// "Float32's maximum 3.4e38"
    static func maximum(_ precision: Precision) -> String {
        "\(precision.displayName)'s maximum \(TerminalNumber.brief(precision.greatestFiniteMagnitude))"
    }

    private static func exact(_ site: OperationSite, _ v: [Double]) -> Double? {
        switch site.kind {
        case .multiply where v.count == 2: v[0] * v[1]
        case .add where v.count == 2: v[0] + v[1]
        case .subtract where v.count == 2: v[0] - v[1]
        case .divide where v.count == 2: v[0] / v[1]
        case .square where v.count == 1: v[0] * v[0]
        case .conversion where v.count == 1: v[0]
        default: site.exactResult
        }
    }

    private static func overflow(_ site: OperationSite, _ v: [Double], _ precision: Precision) -> String {
        if let nonFinite = site.operands.first(where: { $0.value.isInfinite }) {
            return "\(nonFinite.name) is already \(TerminalNumber.brief(nonFinite.value))"
        }
        if site.kind == .divide, v.count == 2, v[1] == 0 {
            return "division of \(TerminalNumber.brief(v[0])) by zero"
        }
        let exactValue = exact(site, v)
        let subject: String
        if let words = site.exactValue {
            subject = words
        } else if let exactValue {
            let symbol = switch site.kind {
            case .multiply: " × "
            case .add: " + "
            case .subtract: " − "
            case .divide: " / "
            default: ""
            }
            let what = switch site.kind {
            case .multiply: "the product "
            case .add: "the sum "
            case .subtract: "the difference "
            case .divide: "the quotient "
            case .square: "the square "
            case .conversion: "the value "
            default: "the exact value "
            }
            let formula = site.kind == .square ? "\(TerminalNumber.brief(v[0]))²" : v.map(TerminalNumber.brief).joined(separator: symbol)
            subject = site.kind == .conversion ? what + formula
                : what + formula + " = " + (exactValue.isFinite ? TerminalNumber.brief(exactValue) : "beyond Float64")
        } else {
            subject = "the exact result"
        }
        return "\(subject) exceeds \(maximum(precision))"
    }

    private static func notANumber(_ site: OperationSite, _ v: [Double]) -> String {
        func inf(_ x: Double) -> String { TerminalNumber.brief(x) }
        let named = site.operands.map { "\($0.name) = \(TerminalNumber.brief($0.value))" }.joined(separator: " and ")
        switch site.kind {
        case .multiply where v.count == 2 && (v[0].isInfinite && v[1] == 0 || v[0] == 0 && v[1].isInfinite):
            return (v[0].isInfinite ? "\(inf(v[0])) × 0" : "0 × \(inf(v[1]))") + " (\(named))"
        case .add where v.count == 2 && v[0].isInfinite && v[1].isInfinite:
            return "inf − inf (\(named))"
        case .subtract where v.count == 2 && v[0].isInfinite && v[1].isInfinite:
            return "inf − inf (\(named))"
        case .divide where v.count == 2 && v[0] == 0 && v[1] == 0:
            return "0 / 0 (\(named))"
        case .divide where v.count == 2 && v[0].isInfinite && v[1].isInfinite:
            return "inf / inf (\(named))"
        case .activation, .activationSlope:
            if let bad = site.operands.first(where: { $0.value.isInfinite }) {
                return "the function is undefined at \(bad.name) = \(TerminalNumber.brief(bad.value))"
            }
            return "the function is undefined at \(named)"
        default:
            return "the operation is undefined for \(named)"
        }
    }

    private static func underflow(_ site: OperationSite, _ v: [Double], _ precision: Precision) -> String {
        let smallest = "half of \(precision.displayName)'s smallest subnormal \(TerminalNumber.brief(precision.leastNonzeroMagnitude))"
        if let words = site.exactValue { return "\(words) is below \(smallest), so it rounds to 0" }
        if site.kind == .activationSlope {
            return "the exact slope is below \(smallest), so it rounds to 0"
        }
        guard let e = exact(site, v) else { return "the exact result is below \(smallest)" }
        if site.kind == .square, let r = v.first {
            return "the square (\(TerminalNumber.brief(r)))² = \(TerminalNumber.brief(e)) is below \(smallest), so it rounds to 0"
        }
        let symbol = site.kind == .divide ? " / " : " × "
        return "the product \(v.map(TerminalNumber.brief).joined(separator: symbol)) = \(TerminalNumber.brief(e)) is below \(smallest), so it rounds to 0"
    }
}
