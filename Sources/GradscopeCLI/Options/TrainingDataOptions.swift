import ArgumentParser
import Foundation
import GradscopeCore

/// The x values: `A:B` (a grid of --points, with 0 added when it spans 0) or one number `A`.
struct TrainingInputs: ExpressibleByArgument, Sendable, Equatable {
    var lower: Double
    var upper: Double

    init?(argument: String) {
        if let single = Double(argument), single.isFinite {
            lower = single
            upper = single
            return
        }
        guard let range = GridRange(argument: argument) else { return nil }
        lower = range.lower
        upper = range.upper
    }

    var defaultValueDescription: String { "\(TerminalNumber.short(lower)):\(TerminalNumber.short(upper))" }

    /// `points` evenly spaced values from lower to upper, plus 0 if the range spans it and 0 is not one of them.
    func values(points: Int) -> [Double] {
        guard lower < upper else { return [lower] }
        var xs = GridRange(lower: lower, upper: upper).grid(points)
        if lower < 0, upper > 0, !xs.contains(0) { xs.append(0); xs.sort() }
        return xs
    }
}

/// Where the training points come from: a target formula on a grid, or a CSV file of (x, y).
struct TrainingDataOptions: ParsableArguments {
    @Option(help: "Target formula t(x) to fit (used with --x and --points).")
    var target: String = "0.5*x + 0.25"

    @Option(help: "A CSV file of x,y rows to fit instead (an optional header line 'x,y').")
    var data: String?

    @Option(name: .customLong("x"), parsing: .unconditional,
            help: "Inputs: a range A:B (--points values, 0 added when the range spans it) or one value A. Negative: --x -1:1 or --x=-1:1.")
    var inputs: TrainingInputs = TrainingInputs(argument: "-1:1")!

    @Option(help: "Number of grid points in the --x range (1…10000).")
    var points: Int = 21

    func validate() throws {
        guard (1...10_000).contains(points) else { throw CommandError("--points must be between 1 and 10000, got \(points).") }
        if let data { _ = try TrainingDataOptions.read(csvAt: data) } else { _ = try targetFormula() }
    }

    func targetFormula() throws -> Formula {
        do { return try Formula(parsing: target) } catch { throw CommandError("--target: \(error.message)") }
    }

    /// The points to fit.
    func regressionData(parameters: [String: Double]) throws -> RegressionData {
        if let data { return try TrainingDataOptions.read(csvAt: data) }
        let formula = try targetFormula()
        do {
            let result = try RegressionData(xs: inputs.values(points: points), target: formula, parameters: parameters)
            if let bad = zip(result.xs, result.targets).first(where: { !$0.1.isFinite }) {
                throw CommandError("--target gives \(TerminalNumber.short(bad.1)) at x = \(TerminalNumber.short(bad.0)). Choose a target that is finite on --x.")
            }
            return result
        } catch let error as FormulaError {
            throw CommandError("--target: \(error.commandLineSentence)")
        }
    }

    /// Reads `x,y` rows; the first line may be a header. A bad row is named by its line number.
    static func read(csvAt path: String) throws -> RegressionData {
        let kind = PathKind(path)
        guard kind == .regularFile || kind == .symbolicLink else {
            throw CommandError(kind == .absent ? "Cannot read --data '\(path)': there is no such file. Check the path."
                                               : "Cannot read --data '\(path)': it is \(kind.phrase), not a CSV file of x,y rows.")
        }
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size <= 100_000_000 else {
            throw CommandError("Cannot read --data '\(path)': it is larger than 100 MB or unreadable. Give a smaller CSV of x,y rows.")
        }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw CommandError("Cannot read --data '\(path)'. Check that the file is readable.")
        }
        guard !bytes.isEmpty else {
            throw CommandError("--data '\(path)' is empty. Give a CSV file with one x,y row per line.")
        }
        return try parse(csv: String(decoding: bytes, as: UTF8.self), name: path)
    }

    static func parse(csv text: String, name: String) throws -> RegressionData {
        var xs: [Double] = [], ys: [Double] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if index == 0, cells.count == 2, Double(cells[0]) == nil, Double(cells[1]) == nil { continue }  // header
            guard cells.count == 2, let x = Double(cells[0]), let y = Double(cells[1]), x.isFinite, y.isFinite else {
                throw CommandError("--data '\(name)': row \(index + 1) ('\(line)') is not two finite numbers x,y.")
            }
            xs.append(x)
            ys.append(y)
        }
        guard !xs.isEmpty else { throw CommandError("--data '\(name)' has no x,y rows.") }
        return RegressionData(xs: xs, targets: ys)
    }
}
