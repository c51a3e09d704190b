import GradscopeNumerics
import RealModule

/// A tensor a non-finite result was computed from, as the trace recorded it.
struct TraceOperand {
    var name: String
    var record: TraceRecord
    /// The parameter's name when the operand is a parameter's value.
    var parameter: String?
}

/// The cause of a non-finite tensor, inferred from the statistics of its operands.
///
///     Inf from finite operands:   log with a zero operand → log-of-zero; division with a zero divisor →
///                                 division-by-zero; a cast to a narrower dtype → cast-overflow; else overflow
///                                 (with the format and log2 of how far the operands' magnitudes reach past it)
///     NaN from finite operands:   log → log-of-negative; sqrt → sqrt-of-negative; 0/0 → division-by-zero;
///                                 a product sum that overflows both ways → inf-minus-inf; else unknown
///     NaN from an Inf operand:    a product with a zero → zero-times-inf; a sum of +Inf and −Inf → inf-minus-inf
///     a non-finite parameter or data tensor → nonfinite-parameter (naming the step whose update made it so) or
///     nonfinite-input
enum TraceCause {
    enum Family { case multiply, add, divide, log, sqrt, reciprocalSquareRoot, exp, cast, activationSlope, other }

    /// `aten::log.out` → `log`.
    static func baseName(_ operation: String) -> String {
        var name = operation.hasPrefix("aten::") ? String(operation.dropFirst(6)) : operation
        if let dot = name.firstIndex(of: ".") { name = String(name[..<dot]) }
        while name.hasSuffix("_") && name != "_to_copy" { name.removeLast() }
        return name
    }

    static func family(operation: String) -> Family {
        switch baseName(operation) {
        case "mul", "mm", "addmm", "bmm", "baddbmm", "matmul", "linear", "addmv", "mv", "dot", "einsum", "outer",
             "convolution", "_convolution", "conv1d", "conv2d", "conv3d", "cudnn_convolution", "mkldnn_convolution",
             "_mkldnn_convolution", "addcmul", "prod", "square", "pow", "_softmax_backward_data", "_log_softmax_backward_data": .multiply
        case "add", "sub", "rsub", "sum", "mean", "cumsum", "addcdiv", "nansum": .add
        case "div", "true_divide", "reciprocal", "floor_divide", "remainder", "fmod": .divide
        case "log", "log2", "log10", "log1p", "xlogy", "_log_softmax", "log_softmax": .log
        case "sqrt": .sqrt
        case "rsqrt": .reciprocalSquareRoot
        case "exp", "exp2", "expm1", "sinh", "cosh": .exp
        case "_to_copy", "to", "copy", "_autocast_to_reduced_precision", "_autocast_to_full_precision", "type_as": .cast
        case "tanh_backward", "sigmoid_backward", "threshold_backward", "gelu_backward", "silu_backward", "elu_backward": .activationSlope
        default: .other
        }
    }

    static let linearTypes: Set<String> = ["Linear", "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d",
                                           "ConvTranspose3d", "Bilinear", "LazyLinear", "NonDynamicallyQuantizableLinear"]
    static let activationTypes: Set<String> = ["Tanh", "Sigmoid", "ReLU", "ReLU6", "LeakyReLU", "GELU", "SiLU", "ELU",
                                               "Softplus", "Hardtanh", "Mish", "SELU", "CELU", "Hardswish", "Hardsigmoid"]

    /// The family of a module-level tensor (no operation recorded).
    static func family(of record: TraceRecord, moduleType: String?) -> Family {
        if let operation = record.operation { return family(operation: operation) }
        switch record.kind {
        case .parameterGradient: return .multiply
        case .parameterUpdated: return .add
        case .output where linearTypes.contains(moduleType ?? ""): return .multiply
        case .gradInput where linearTypes.contains(moduleType ?? ""): return .multiply
        case .gradInput where activationTypes.contains(moduleType ?? ""): return .activationSlope
        default: return .other
        }
    }

    /// The format of a dtype, for "exceeds float16's maximum 65504".
    static func maximum(dtype: String) -> Double {
        switch dtype {
        case "float16", "half": 65504
        case "bfloat16": 0x1.fep127
        case "float64", "double": .greatestFiniteMagnitude
        case "float8_e4m3fn": 448
        case "float8_e5m2": 57344
        default: Double(Float.greatestFiniteMagnitude)
        }
    }

    static func bits(dtype: String) -> Int {
        switch dtype {
        case "float64", "double": 64
        case "float16", "half", "bfloat16": 16
        case "float8_e4m3fn", "float8_e5m2": 8
        default: 32
        }
    }

    /// `-Inf`, `NaN`, or `|x| ≤ 1.3e38` (and the zero count) for a sentence.
    static func describe(_ s: TraceStatistics) -> String {
        var parts: [String] = []
        if s.nan > 0 { parts.append("\(s.nan) NaN") }
        if s.positiveInfinities > 0 { parts.append("\(s.positiveInfinities) +Inf") }
        if s.negativeInfinities > 0 { parts.append("\(s.negativeInfinities) -Inf") }
        if s.count - s.nonFinite > 0 { parts.append("|x| ≤ \(TerminalNumber.brief(s.absMax))") }
        if s.zeros > 0 { parts.append("\(s.zeros) zero\(s.zeros == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }

    /// A format's limit as written: `65504`, `448`, `3.4e38`.
    static func limitText(_ limit: Double) -> String {
        limit < 1e6 && limit == limit.rounded() ? String(Int(limit)) : TerminalNumber.brief(limit)
    }

    /// "2^1.61 above" — log2(value / limit), to two decimals.
    static func powers(_ value: Double, over limit: Double) -> String {
        let d = Double.log2(value) - Double.log2(limit)
        return "2^\((d * 100).rounded() / 100)"
    }

    /// The cause kind and sentence for `record` (kind `kind`) computed from `operands`.
    ///
    /// - Parameter parameterHistory: for each parameter name, the step whose update first made it non-finite.
    static func explain(_ record: TraceRecord, kind: Anomaly.Kind, moduleType: String?, operands: [TraceOperand],
                        isDataInput: Bool, parameterHistory: [String: Int]) -> (AnomalyCauseKind, String) {
        let s = record.statistics
        let resultFormat = record.dtype
        // Already non-finite where it came from: the data or a parameter.
        if record.kind == .input, isDataInput {
            return (.nonfiniteInput, "the data fed to the network already holds \(describe(s))")
        }
        if record.kind == .parameter || record.kind == .parameterUpdated && operands.isEmpty {
            return (.nonfiniteParameter, parameterSentence(name: operands.first?.parameter ?? "the parameter", statistics: s,
                                                           step: nil, history: parameterHistory))
        }
        if let bad = operands.first(where: { $0.parameter != nil && !$0.record.statistics.isFinite }) {
            return (.nonfiniteParameter, parameterSentence(name: bad.parameter!, statistics: bad.record.statistics,
                                                           step: nil, history: parameterHistory))
        }
        let family = family(of: record, moduleType: moduleType)
        let nonFinite = operands.filter { !$0.record.statistics.isFinite }
        let named = operands.map { "\($0.name): \(describe($0.record.statistics))" }.joined(separator: "; ")
        if operands.isEmpty {
            return (.unknown, "no operand of it was recorded; with ops=True the probe names the operation and its operands")
        }
        if kind == .nan {
            let infinite = nonFinite.filter { $0.record.statistics.positiveInfinities + $0.record.statistics.negativeInfinities > 0 }
            if let inf = infinite.first {
                let zero = operands.first { $0.record != inf.record && $0.record.statistics.zeros > 0 }
                let sign = inf.record.statistics.negativeInfinities > 0 && inf.record.statistics.positiveInfinities == 0 ? "-inf" : "inf"
                switch family {
                case .multiply:
                    if let zero {
                        return (.zeroTimesInf, "\(sign) × 0: \(inf.name) holds \(describe(inf.record.statistics)) and \(zero.name) holds \(describe(zero.record.statistics))")
                    }
                case .activationSlope:
                    return (.zeroTimesInf, "\(sign) × 0: \(inf.name) holds \(describe(inf.record.statistics)) and the slope of \(moduleType ?? "the activation") is 0 where it saturates")
                case .add:
                    let plus = infinite.contains { $0.record.statistics.positiveInfinities > 0 }
                    let minus = infinite.contains { $0.record.statistics.negativeInfinities > 0 }
                    if plus && minus { return (.infMinusInf, "inf − inf: \(named)") }
                case .divide where infinite.count >= 2:
                    return (.unknown, "inf / inf: \(named)")
                case .log: return (.logOfNegative, "log of -inf: \(named)")
                case .sqrt: return (.sqrtOfNegative, "sqrt of -inf: \(named)")
                default: break
                }
                return (.unknown, "an operand already holds \(sign) and the operation turned it into NaN (\(named))")
            }
            if nonFinite.isEmpty {
                switch family {
                case .log: return (.logOfNegative, "log of a negative number: the operand (\(named)) is finite, so only x < 0 gives NaN")
                case .sqrt, .reciprocalSquareRoot:
                    return (.sqrtOfNegative, "sqrt of a negative number: the operand (\(named)) is finite, so only x < 0 gives NaN")
                case .divide:
                    if operands.count >= 2, operands[0].record.statistics.zeros > 0, operands[1].record.statistics.zeros > 0 {
                        return (.divisionByZero, "0 / 0: the dividend holds \(operands[0].record.statistics.zeros) zeros and the divisor \(operands[1].record.statistics.zeros)")
                    }
                    if operands.count >= 2, operands[1].record.statistics.zeros > 0 {
                        return (.divisionByZero, "division by zero: the divisor holds \(operands[1].record.statistics.zeros) zeros (\(named))")
                    }
                case .multiply:
                    let bound = operands.prefix(2).map(\.record.statistics.absMax).reduce(1, *)
                    if bound > maximum(dtype: resultFormat) {
                        return (.infMinusInf, "products reach \(TerminalNumber.brief(bound)), \(powers(bound, over: maximum(dtype: resultFormat))) above \(resultFormat)'s maximum \(limitText(maximum(dtype: resultFormat))), overflowing to +Inf and -Inf whose sum is NaN (\(named))")
                    }
                default: break
                }
                return (.unknown, "NaN from finite operands (\(named)); \(record.operation == nil ? "record with ops=True to name the operation" : "the operation is not one whose NaN is explained here")")
            }
            return (.unknown, "an operand already holds NaN (\(named))")
        }
        // ±Inf.
        if let inf = nonFinite.first {
            return (.unknown, "\(inf.name) already holds \(describe(inf.record.statistics)), so this is passed on, not produced")
        }
        let limit = maximum(dtype: resultFormat)
        switch family {
        case .log where operands.contains { $0.record.statistics.zeros > 0 }:
            let z = operands.first { $0.record.statistics.zeros > 0 }!
            return (.logOfZero, "log of 0 = -inf: \(z.name) holds \(describe(z.record.statistics))")
        case .divide where operands.count >= 2 && operands[1].record.statistics.zeros > 0:
            return (.divisionByZero, "division by zero: the divisor \(operands[1].name) holds \(describe(operands[1].record.statistics)) and the dividend \(describe(operands[0].record.statistics))")
        case .divide where operands.count == 1 && operands[0].record.statistics.zeros > 0,
             .reciprocalSquareRoot where operands.contains { $0.record.statistics.zeros > 0 }:
            return (.divisionByZero, "1 / 0: \(operands[0].name) holds \(describe(operands[0].record.statistics))")
        case .exp:
            let a = operands[0].record.statistics.absMax
            return (.overflow, "exp(x) with x up to \(TerminalNumber.brief(a)) exceeds \(resultFormat)'s maximum \(limitText(limit)) (exp overflows past x = \(TerminalNumber.brief(Double.log(limit))))")
        default: break
        }
        if let source = operands.first(where: { bits(dtype: $0.record.dtype) > bits(dtype: resultFormat) }),
           family == .cast || record.operation == nil, source.record.statistics.absMax > limit {
            let a = source.record.statistics.absMax
            return (.castOverflow, "the cast from \(source.record.dtype) to \(resultFormat): \(source.name) reaches \(TerminalNumber.brief(a)), \(powers(a, over: limit)) above \(resultFormat)'s maximum \(limitText(limit))")
        }
        if family == .cast, let source = operands.first {
            let a = source.record.statistics.absMax
            return (.castOverflow, "the cast to \(resultFormat): \(source.name) reaches \(TerminalNumber.brief(a)) against \(resultFormat)'s maximum \(limitText(limit))")
        }
        switch family {
        case .multiply, .activationSlope:
            // addmm(bias, a, b), baddbmm, addmv, addcmul: the product is of the last two operands.
            let factors = ["addmm", "baddbmm", "addmv", "addcmul"].contains(record.operation.map(baseName) ?? "")
                ? Array(operands.dropFirst().prefix(2)) : Array(operands.prefix(2))
            let bound = factors.map(\.record.statistics.absMax).reduce(1, *)
            let product = factors.map { "|\($0.name)| ≤ \(TerminalNumber.brief($0.record.statistics.absMax))" }.joined(separator: " times ")
            if bound > limit {
                return (.overflow, "the product exceeds \(resultFormat)'s maximum \(limitText(limit)): \(product) reaches \(TerminalNumber.brief(bound)), \(powers(bound, over: limit)) above it")
            }
            return (.overflow, "the sum of products exceeds \(resultFormat)'s maximum \(limitText(limit)): \(product) stays below it term by term (\(TerminalNumber.brief(bound))), so the accumulation overflowed")
        case .add:
            if record.kind == .parameterUpdated {
                return (.overflow, "the update w − lr·g exceeds \(resultFormat)'s maximum \(limitText(limit)) (\(named))")
            }
            return (.overflow, "the sum exceeds \(resultFormat)'s maximum \(limitText(limit)) (\(named))")
        default:
            return (.overflow, "the result exceeds \(resultFormat)'s maximum \(limitText(limit)) from finite operands (\(named))")
        }
    }

    static func parameterSentence(name: String, statistics: TraceStatistics, step: Int?, history: [String: Int]) -> String {
        let value = describe(statistics)
        if let made = history[name] { return "the parameter \(name) is already non-finite (\(value)): step \(made)'s update made it so" }
        return "the parameter \(name) is already non-finite (\(value)); no recorded update made it so (it was loaded that way)"
    }
}
