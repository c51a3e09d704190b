import GradscopeNumerics

extension TraceInspection {
    /// Inspects a trace: the events, the health of every leaf module, the loss-scale range and the remedies.
    ///
    /// - Parameter chain: keeps the leaf modules whose name matches, for the running product of gains
    ///   (nil: every leaf module with a measured gain).
    public init(_ trace: TraceFile, chain: ChainFilter? = nil) {
        let events = TraceEvents(trace)
        firstInfinity = events.firstInfinity
        firstNaN = events.firstNaN
        firstNonFinite = events.firstNonFinite
        propagators = events.propagators
        laterSteps = events.laterSteps
        parametersGoneNonFinite = events.parametersGoneNonFinite
        firstNonFiniteLossStep = trace.steps.first { $0.loss.map { !$0.isFinite } ?? false }?.step
        skippedSteps = trace.steps.filter(\.skipped).map(\.step)
        steps = trace.steps
        let health = TraceHealth(trace, firstBadStep: events.firstBadStep, chain: chain)
        modules = health.modules
        moduleSteps = health.moduleSteps
        self.chain = health.chain
        lossScale = health.lossScale
        remedies = []
        remedies = TraceRemedies.compute(self, firstBadStep: events.firstBadStep)
    }
}

/// Which leaf modules form the chain: a pattern and the test it stands for.
public struct ChainFilter: Sendable {
    public var pattern: String
    public var matches: @Sendable (String) -> Bool

    public init(pattern: String, matches: @escaping @Sendable (String) -> Bool) {
        self.pattern = pattern
        self.matches = matches
    }
}

/// The first Inf and NaN of a trace in execution order, their operands and causes, and what followed.
struct TraceEvents {
    var firstInfinity: Anomaly?
    var firstNaN: Anomaly?
    var firstNonFinite: Anomaly?
    var propagators: [TraceInspection.Propagator] = []
    var laterSteps: [Anomaly] = []
    var parametersGoneNonFinite: [NonFiniteParameter] = []
    /// The first step holding a non-finite tensor or loss.
    var firstBadStep: Int?

    private let trace: TraceFile
    /// For each step, the range of its records.
    private var stepRanges: [Int: Range<Int>] = [:]
    private var history: [String: Int] = [:]

    init(_ trace: TraceFile) {
        self.trace = trace
        var start = 0
        let records = trace.records
        while start < records.count {
            var end = start
            while end < records.count, records[end].step == records[start].step { end += 1 }
            stepRanges[records[start].step] = start..<end
            start = end
        }
        for r in records where r.kind == .parameterUpdated && !r.statistics.isFinite {
            guard let p = trace.parameter(r.parameterID), history[p.name] == nil else { continue }
            history[p.name] = r.step
            parametersGoneNonFinite.append(NonFiniteParameter(name: p.name, step: r.step, value: r.statistics.representative))
        }
        let firstInf = records.firstIndex { $0.statistics.positiveInfinities + $0.statistics.negativeInfinities > 0 }.map(Self.producer(in: records))
        let firstNaNIndex = records.firstIndex { $0.statistics.nan > 0 }.map(Self.producer(in: records))
        firstInfinity = firstInf.map { anomaly(at: $0, kind: .infinity) }
        firstNaN = firstNaNIndex.map { anomaly(at: $0, kind: .nan) }
        let first = [firstInf, firstNaNIndex].compactMap { $0 }.min()
        if let first {
            firstNonFinite = first == firstNaNIndex ? firstNaN : firstInfinity
            let step = records[first].step
            firstBadStep = step
            var seen = Set<String>()
            let firstRow = records.firstIndex { !$0.statistics.isFinite } ?? first
            for (k, r) in records[firstRow..<stepRanges[step]!.upperBound].enumerated()
            where !r.statistics.isFinite && r.kind != .operationInput && firstRow + k != first {
                let key = "\(r.moduleID ?? -1)/\(r.callIndex)/\(r.kind.rawValue)/\(r.parameterID ?? -1)/\(r.operation ?? "")"
                guard seen.insert(key).inserted, propagators.count < 200 else { continue }
                let module = trace.module(r.moduleID)
                propagators.append(.init(step: r.step, pass: r.pass.rawValue, module: module?.name, moduleType: module?.type,
                                         callIndex: r.callIndex, kind: r.kind.rawValue, value: r.statistics.representative))
            }
            for later in trace.steps.map(\.step).filter({ $0 > step }).prefix(5) {
                guard let range = stepRanges[later], let i = records[range].firstIndex(where: { !$0.statistics.isFinite }) else { continue }
                laterSteps.append(anomaly(at: i, kind: records[i].statistics.nan > 0 ? .nan : .infinity))
            }
        }
        // A loss recorded only in the steps table (no stats row) is an event too.
        if let lossStep = trace.steps.first(where: { $0.loss.map { !$0.isFinite } ?? false }), firstBadStep.map({ lossStep.step < $0 }) ?? true {
            firstBadStep = lossStep.step
            let value = lossStep.loss!
            let kind: Anomaly.Kind = value.isNaN ? .nan : .infinity
            let event = Anomaly(kind: kind, step: lossStep.step, pass: .loss, layer: nil, operation: "the loss", operationKind: .other,
                                operands: [], result: value, sample: nil, input: nil,
                                cause: "the loss is \(TerminalNumber.brief(value)) and no module's tensor was recorded non-finite before it",
                                causeKind: .unknown)
            firstNonFinite = event
            if kind == .nan { firstNaN = firstNaN ?? event } else { firstInfinity = firstInfinity ?? event }
        }
    }

    /// A module's ∂L/∂output is the gradient of the tensor the next module consumed, so it is formed by
    /// that module's backward: when the probe records it first, the consumer's ∂L/∂input (the same
    /// tensor, the same statistics, a few rows later in the step) is the producer.
    static func producer(in records: [TraceRecord]) -> (Int) -> Int {
        { index in
            let r = records[index]
            guard r.kind == .gradOutput else { return index }
            var k = index + 1
            while k < records.count, k <= index + 8, records[k].step == r.step {
                let c = records[k]
                if c.kind == .gradInput, c.moduleID != r.moduleID, c.statistics == r.statistics { return k }
                k += 1
            }
            return index
        }
    }

    private func name(of r: TraceRecord) -> String {
        let module = trace.module(r.moduleID)
        let m = module.map { "\($0.displayName) (\($0.type))" } ?? "code outside any module"
        switch r.kind {
        case .input: return "input of \(m)"
        case .output: return "output of \(m)"
        case .gradOutput: return "∂L/∂output of \(m)"
        case .gradInput: return "∂L/∂input of \(m)"
        case .parameterGradient: return "∂L/∂\(trace.parameter(r.parameterID)?.name ?? "parameter")"
        case .parameter: return "\(trace.parameter(r.parameterID)?.name ?? "parameter") at the start of the step"
        case .parameterUpdated: return "\(trace.parameter(r.parameterID)?.name ?? "parameter") after the update"
        case .loss: return "the loss"
        case .operationOutput: return "\(r.operation ?? "an operation") in \(m)"
        case .operationInput: return "operand \(r.operand ?? 0) of \(r.operation ?? "an operation")"
        }
    }

    /// The Anomaly for records[index], with its operands and cause.
    private func anomaly(at index: Int, kind: Anomaly.Kind) -> Anomaly {
        let r = trace.records[index]
        let module = trace.module(r.moduleID)
        let ops = operands(of: index)
        let isData = r.kind == .input && !trace.records[stepRanges[r.step]!.lowerBound..<index].contains { $0.kind == .output }
        var (causeKind, cause) = TraceCause.explain(r, kind: kind, moduleType: module?.type, operands: ops,
                                                    isDataInput: isData, parameterHistory: history)
        if r.kind == .parameter || r.kind == .parameterUpdated && ops.isEmpty, let p = trace.parameter(r.parameterID) {
            cause = TraceCause.parameterSentence(name: p.name, statistics: r.statistics, step: nil, history: history)
            causeKind = .nonfiniteParameter
        }
        let value: Double = kind == .nan ? .nan : r.statistics.positiveInfinities > 0 ? .infinity : -.infinity
        let operationKind: OperationKind = switch TraceCause.family(of: r, moduleType: module?.type) {
        case .multiply, .activationSlope: .multiply
        case .add: .add
        case .divide: .divide
        case .cast: .conversion
        default: .other
        }
        return Anomaly(kind: kind, step: r.step, pass: TrainingPass(rawValue: r.pass.rawValue) ?? .forward, layer: nil,
                       operation: name(of: r), operationKind: operationKind,
                       operands: ops.map { Operand($0.name, $0.record.statistics.representative, parameter: $0.parameter) },
                       result: value, sample: nil, input: nil, cause: cause, causeKind: causeKind,
                       module: module?.name, moduleType: module?.type, callIndex: r.callIndex, frameworkOperation: r.operation)
    }

    /// The recorded tensors records[index] was computed from.
    private func operands(of index: Int) -> [TraceOperand] {
        let r = trace.records[index]
        let range = stepRanges[r.step]!
        let before = trace.records[range.lowerBound..<index]
        func operand(_ x: TraceRecord) -> TraceOperand {
            let p = (x.kind == .parameter || x.kind == .parameterUpdated) ? trace.parameter(x.parameterID)?.name : nil
            return TraceOperand(name: name(of: x), record: x, parameter: p)
        }
        func latest(_ kind: TraceRecord.Kind, module: Int?, call: Int? = nil) -> TraceRecord? {
            before.last { $0.kind == kind && $0.moduleID == module && (call == nil || $0.callIndex == call) }
        }
        func parameters(of module: Int?) -> [TraceOperand] {
            trace.parameters.filter { $0.moduleID == module }.compactMap { p in
                value(of: p, atStep: r.step, before: index).map { TraceOperand(name: p.name, record: $0, parameter: p.name) }
            }
        }
        switch r.kind {
        case .operationOutput:
            var k = index - 1, found: [TraceRecord] = []
            while k >= range.lowerBound, trace.records[k].kind == .operationInput, trace.records[k].operation == r.operation {
                found.insert(trace.records[k], at: 0); k -= 1
            }
            k = index + 1
            while found.isEmpty || k < range.upperBound && trace.records[k].kind == .operationInput && trace.records[k].operation == r.operation {
                guard k < range.upperBound, trace.records[k].kind == .operationInput, trace.records[k].operation == r.operation else { break }
                found.append(trace.records[k]); k += 1
            }
            return found.sorted { ($0.operand ?? 0) < ($1.operand ?? 0) }.map(operand)
        case .output:
            return [latest(.input, module: r.moduleID, call: r.callIndex)].compactMap { $0 }.map(operand) + parameters(of: r.moduleID)
        case .gradInput:
            return [latest(.gradOutput, module: r.moduleID, call: r.callIndex)].compactMap { $0 }.map(operand) + parameters(of: r.moduleID)
        case .gradOutput:
            return [before.last { $0.kind == .gradInput || $0.kind == .loss || $0.kind == .operationOutput && $0.pass == .backward }]
                .compactMap { $0 }.map(operand)
        case .parameterGradient:
            let owner = trace.parameter(r.parameterID)?.moduleID
            return [latest(.gradOutput, module: owner), latest(.input, module: owner)].compactMap { $0 }.map(operand)
        case .parameterUpdated:
            guard let p = trace.parameter(r.parameterID) else { return [] }
            let gradient = before.last { $0.kind == .parameterGradient && $0.parameterID == p.id }
            let old = value(of: p, atStep: r.step, before: index)
            return [gradient.map(operand), old.map { TraceOperand(name: "\(p.name) before the update", record: $0, parameter: nil) }].compactMap { $0 }
        case .loss:
            return [before.last { $0.kind == .output || $0.kind == .operationOutput }].compactMap { $0 }.map(operand)
        case .input, .parameter, .operationInput:
            return []
        }
    }

    /// A parameter's value as the step began: its `param` row, else its last `param_updated` row of an earlier step.
    private func value(of p: TraceParameter, atStep step: Int, before index: Int) -> TraceRecord? {
        let range = stepRanges[step]!
        if let row = trace.records[range.lowerBound..<index].last(where: { $0.kind == .parameter && $0.parameterID == p.id }) { return row }
        for earlier in trace.steps.map(\.step).filter({ $0 < step }).reversed().prefix(64) {
            guard let r = stepRanges[earlier] else { continue }
            if let row = trace.records[r].last(where: { ($0.kind == .parameterUpdated || $0.kind == .parameter) && $0.parameterID == p.id }) {
                return row
            }
        }
        return nil
    }
}
