import GradscopeNumerics
import RealModule

/// Per leaf module and full step: activation max |x|, gradient RMS, gain; the headroom in each narrow
/// format; the chain's running product of gains; and the float16 loss-scale range.
struct TraceHealth {
    var modules: [TraceInspection.ModuleHealth] = []
    var moduleSteps: [TraceInspection.ModuleStep] = []
    var chain: TraceInspection.ChainGain
    var lossScale: TraceInspection.LossScaleRange?

    /// Sums over one module's calls in one step.
    private struct Cell {
        var activationAbsMax: Double?
        var activationAbsMin: Double?
        var gradientAbsMax: Double?
        var gradientAbsMin: Double?
        var gradientSquares = 0.0, gradientCount = 0
        var inputNormSquared = 0.0, outputNormSquared = 0.0
        var gainMeasured = true, sawGradInput = false, sawGradOutput = false
        var nonFinite = 0

        var gradientRMS: Double? { gradientCount > 0 ? (gradientSquares / Double(gradientCount)).squareRoot() : nil }
        var gain: Double? {
            guard gainMeasured, sawGradInput, sawGradOutput, outputNormSquared > 0 else { return nil }
            return (inputNormSquared / outputNormSquared).squareRoot()
        }
    }

    init(_ trace: TraceFile, firstBadStep: Int?, chain filter: ChainFilter?) {
        let leaves = Self.forwardOrder(trace)
        let leafIDs = Set(leaves.map(\.id))
        let fullSteps = Set(trace.steps.filter(\.full).map(\.step))
        var cells: [Int: [Int: Cell]] = [:]   // step → module → cell
        for r in trace.records where fullSteps.contains(r.step) || trace.steps.isEmpty {
            guard let m = r.moduleID, leafIDs.contains(m) else { continue }
            var c = cells[r.step]?[m] ?? Cell()
            let s = r.statistics
            c.nonFinite += s.nonFinite
            switch r.kind {
            case .output:
                c.activationAbsMax = max(c.activationAbsMax ?? 0, s.absMax)
                if let a = s.absMin { c.activationAbsMin = min(c.activationAbsMin ?? a, a) }
            case .gradOutput:
                c.gradientAbsMax = max(c.gradientAbsMax ?? 0, s.absMax)
                if let a = s.absMin { c.gradientAbsMin = min(c.gradientAbsMin ?? a, a) }
                if let rms = s.rms { c.gradientSquares += rms * rms * Double(s.count - s.nonFinite); c.gradientCount += s.count - s.nonFinite }
                c.sawGradOutput = true
                if s.isFinite, let n = s.finiteNorm { c.outputNormSquared += n * n } else { c.gainMeasured = false }
            case .gradInput:
                c.sawGradInput = true
                if s.isFinite, let n = s.finiteNorm { c.inputNormSquared += n * n } else { c.gainMeasured = false }
            default: break
            }
            cells[r.step, default: [:]][m] = c
        }
        let stepList = cells.keys.sorted()
        for step in stepList {
            for leaf in leaves {
                guard let c = cells[step]?[leaf.id] else { continue }
                moduleSteps.append(.init(module: leaf.name, type: leaf.type, step: step, activationAbsMax: c.activationAbsMax,
                                         gradientRMS: c.gradientRMS, gain: c.gain, nonFinite: c.nonFinite))
            }
        }
        let healthy = stepList.filter { s in firstBadStep.map { s < $0 } ?? true }
        // The step that went non-finite still says where the run stood (its forward was finite, say).
        let upToFirstBad = stepList.filter { s in firstBadStep.map { s <= $0 } ?? true }
        for leaf in leaves {
            let own = stepList.filter { cells[$0]?[leaf.id] != nil }
            let finiteSteps = own.filter { cells[$0]![leaf.id]!.nonFinite == 0 }
            guard let step = healthy.last(where: { own.contains($0) }) ?? upToFirstBad.last(where: { own.contains($0) })
                    ?? finiteSteps.last ?? own.last else { continue }
            let c = cells[step]![leaf.id]!
            let recent = healthy.filter { own.contains($0) }.suffix(8)
            func trend(_ value: (Cell) -> Double?) -> [(Double, Double)] {
                recent.compactMap { s in value(cells[s]![leaf.id]!).flatMap { $0 > 0 ? (Double(s), Double.log2($0)) : nil } }
            }
            let activationTrend = trend(\.activationAbsMax), gradientTrend = trend(\.gradientAbsMax)
            let headroom = TargetFormat.allCases.map { format in
                TraceInspection.FormatHeadroom(
                    format: format.rawValue,
                    activation: Self.headroom(format, absMax: c.activationAbsMax, absMin: c.activationAbsMin,
                                              histogram: trace.healthyHistograms[HistogramKey(kind: .output, moduleID: leaf.id, parameterID: nil)],
                                              trend: activationTrend),
                    gradient: Self.headroom(format, absMax: c.gradientAbsMax, absMin: c.gradientAbsMin,
                                            histogram: trace.healthyHistograms[HistogramKey(kind: .gradOutput, moduleID: leaf.id, parameterID: nil)],
                                            trend: gradientTrend))
            }
            let gainStep = (healthy.last { cells[$0]?[leaf.id]?.gain != nil }) ?? own.last { cells[$0]![leaf.id]!.gain != nil }
            let gain = gainStep.flatMap { cells[$0]![leaf.id]!.gain }
            modules.append(.init(name: leaf.name, type: leaf.type, gain: gain, log2Gain: gain.flatMap { $0 > 0 ? Double.log2($0) : nil },
                                 step: step, activationAbsMax: c.activationAbsMax, gradientRMS: c.gradientRMS, headroom: headroom))
        }
        let members = modules.filter { m in m.log2Gain != nil && (filter?.matches(m.name) ?? true) }
        let logs = members.map { $0.log2Gain! }
        var running = logs
        var total = 0.0
        for k in running.indices.reversed() { total += logs[k]; running[k] = total }
        let ranges = TargetFormat.allCases.map { ($0.rawValue, Double.log2($0.maximum / $0.minimumNormal)) }
        let peak = running.map(abs).max() ?? 0
        chain = .init(pattern: filter?.pattern, modules: members.map(\.name), runningLog2Gain: running, totalLog2Gain: total,
                      explodesIn: ranges.filter { _, r in running.contains { $0 > r } }.map(\.0),
                      vanishesIn: ranges.filter { _, r in running.contains { $0 < -r } }.map(\.0),
                      ranked: members.sorted { abs($0.log2Gain!) > abs($1.log2Gain!) }.filter { abs($0.log2Gain!) > 0 }.prefix(5).map(\.name))
        _ = peak
        lossScale = Self.lossScale(trace, firstBadStep: firstBadStep)
    }

    /// Leaf modules in the order their first output was recorded; those never seen follow by id.
    static func forwardOrder(_ trace: TraceFile) -> [TraceModule] {
        var first: [Int: (Int, Int)] = [:]
        for r in trace.records where r.kind == .output || r.kind == .input {
            if let m = r.moduleID, first[m] == nil { first[m] = (r.step, r.sequence) }
        }
        return trace.modules.filter(\.isLeaf).sorted { a, b in
            switch (first[a.id], first[b.id]) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.id < b.id
            }
        }
    }

    /// Headroom of magnitudes in [absMin, absMax] (and their histogram) in one format.
    static func headroom(_ format: TargetFormat, absMax: Double?, absMin: Double?, histogram: ExponentHistogram?,
                         trend: [(Double, Double)]) -> TraceInspection.Headroom? {
        guard let absMax, absMax > 0 else { return nil }
        let maxExponent = Int(format.maximum.exponent), normalExponent = Int(format.minimumNormal.exponent)
        let zeroExponent = Int(format.minimumSubnormal.exponent) - 1
        var h = TraceInspection.Headroom(belowMaximum: Double.log2(format.maximum) - Double.log2(absMax),
                                         aboveSmallestNormal: absMin.map { Double.log2($0) - Double.log2(format.minimumNormal) })
        if let histogram, histogram.nonZeroFinite > 0 {
            let total = Double(histogram.nonZeroFinite)
            h.overflowShare = Double(histogram.count(atOrAbove: maxExponent + 1)) / total
            h.subnormalShare = Double(histogram.count(below: normalExponent)) / total
            h.zeroShare = Double(histogram.count(below: zeroExponent)) / total
        }
        if trend.count >= 2 {
            let n = Double(trend.count)
            let mx = trend.map(\.0).reduce(0, +) / n, my = trend.map(\.1).reduce(0, +) / n
            let sxx = trend.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
            let slope = sxx > 0 ? trend.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +) / sxx : 0
            if slope > 0 {
                let last = trend.last!
                let fitted = my + slope * (last.0 - mx)
                let steps = (Double.log2(format.maximum) - fitted) / slope
                h.runsOutAtStep = steps <= 0 ? Int(last.0) : Int(last.0) + Int(steps.rounded(.up))
            }
        }
        return h
    }

    /// The float16 loss scales 2^k that keep every backward tensor finite (S·max|g| ≤ 65504) and at most
    /// 0.1 % of non-zero gradient values below float16's smallest normal 2^-14, from the full steps before
    /// anything went non-finite (all full steps when nothing did).
    static func lossScale(_ trace: TraceFile, firstBadStep: Int?) -> TraceInspection.LossScaleRange? {
        let backward: Set<TraceRecord.Kind> = [.gradOutput, .gradInput, .parameterGradient]
        var histogram = ExponentHistogram.empty
        for (key, h) in trace.healthyHistograms where backward.contains(key.kind) { histogram = histogram + h }
        let largest = trace.records.lazy.filter { backward.contains($0.kind) && $0.step < (firstBadStep ?? Int.max) }
            .map(\.statistics.absMax).max() ?? 0
        guard histogram.nonZeroFinite > 0, largest > 0, let small = histogram.exponent(atShare: 0.001) else { return nil }
        let allowed = Int64((0.001 * Double(histogram.nonZeroFinite)).rounded(.down))
        var lowest = -300
        while lowest < 300, histogram.count(below: -14 - lowest) > allowed { lowest += 1 }
        var highest = Int(Double.log2(65504 / largest).rounded(.down))
        while Double.scaleB(largest, highest + 1) <= 65504 { highest += 1 }
        while highest > -1100, Double.scaleB(largest, highest) > 65504 { highest -= 1 }
        return .init(lowestExponent: lowest, highestExponent: highest, largestGradient: largest, smallGradientExponent: small)
    }
}

extension Double {
    /// x · 2^n.
    fileprivate static func scaleB(_ x: Double, _ n: Int) -> Double { Double(sign: .plus, exponent: n, significand: x) }
}
