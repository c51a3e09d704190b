import Foundation
import GradscopeCore

extension AutopsyExperiment {
    /// The points an autopsy fits, in the words every face shares: a `target` formula t(x) on the
    /// inputs `x` (one value, or a grid of `points` values over a range), or (x, y) `rows` given instead.
    ///
    /// ```swift
    /// var data = AutopsyExperiment.DataSettings()   // t(x) = 0.5x + 0.25 at 21 points of [−1, 1]
    /// data.points = 20                              // 20 points, and 0 added: 21
    /// let points = try data.regressionData(parameters: [:])
    /// ```
    public struct DataSettings: Sendable {
        public var target = "0.5*x + 0.25"
        /// The inputs: a range A...B of `points` values (0 added when the range spans it), or one value A...A.
        public var x: ClosedRange<Double> = -1...1
        /// Grid points over `x` (1…10000).
        public var points = 21
        /// (x, y) rows to fit instead of the target (``rows(csv:name:)`` reads them).
        public var rows: RegressionData?

        public init() {}

        /// `points` evenly spaced values from lower to upper (`lower + (upper − lower)·i/(points − 1)`), plus 0
        /// if the range spans it and 0 is not one of them; one value when the range is a point.
        public var xs: [Double] {
            guard x.lowerBound < x.upperBound else { return [x.lowerBound] }
            var xs = PhaseExperiment.grid(x, points)
            if x.lowerBound < 0, x.upperBound > 0, !xs.contains(0) { xs.append(0); xs.sort() }
            return xs
        }

        /// The points to fit: `rows`, or the target at ``xs`` (its formula's parameters from `parameters`).
        /// - Throws: ``SettingsError`` for `points` outside 1…10000, a target that does not parse or is not
        ///   finite at some x (the formula's own error carries the setting `target`).
        public func regressionData(parameters: [String: Double]) throws(SettingsError) -> RegressionData {
            try SettingsCheck.value("points", points, within: 1...10_000)
            if let rows { return rows }
            let data: RegressionData
            do { data = try RegressionData(xs: xs, target: Formula(parsing: target), parameters: parameters) } catch {
                throw SettingsError(error, setting: "target")
            }
            if let bad = zip(data.xs, data.targets).first(where: { !$0.1.isFinite }) {
                throw SettingsError(setting: "target", "gives \(TerminalNumber.short(bad.1)) at x = \(TerminalNumber.short(bad.0)). Choose a target that is finite on \(setting: "x").")
            }
            return data
        }

        /// Reads `x,y` rows, one a line; the first line may be a header, blank lines are skipped.
        /// - Throws: ``SettingsError`` for `data` naming the first bad row by its line number, or no rows.
        public static func rows(csv text: String, name: String) throws(SettingsError) -> RegressionData {
            var xs: [Double] = [], ys: [Double] = []
            for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
                if line.isEmpty { continue }
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                if index == 0, cells.count == 2, Double(cells[0]) == nil, Double(cells[1]) == nil { continue }  // header
                guard cells.count == 2, let x = Double(cells[0]), let y = Double(cells[1]), x.isFinite, y.isFinite else {
                    throw SettingsError(setting: "data", "'\(name)': row \(index + 1) ('\(line)') is not two finite numbers x,y.")
                }
                xs.append(x)
                ys.append(y)
            }
            guard !xs.isEmpty else { throw SettingsError(setting: "data", "'\(name)' has no x,y rows.") }
            return RegressionData(xs: xs, targets: ys)
        }
    }
}
