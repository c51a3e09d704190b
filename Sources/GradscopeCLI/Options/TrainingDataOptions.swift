import ArgumentParser
import Foundation
import GradscopeCore
import GradscopeGallery

/// The x values: `A:B` (a grid of --points, with 0 added when it spans 0) or one number `A`.
struct TrainingInputs: ExpressibleByArgument, Sendable, Equatable {
    var range: ClosedRange<Double>

    init?(argument: String) {
        if let single = Double(argument), single.isFinite {
            range = single...single
        } else if let grid = GridRange(argument: argument) {
            range = grid.lower...grid.upper
        } else {
            return nil
        }
    }

    var defaultValueDescription: String { "\(TerminalNumber.short(range.lowerBound)):\(TerminalNumber.short(range.upperBound))" }
}

/// Where the training points come from: a target formula on a grid, or a CSV file of (x, y)
/// (the flags of ``AutopsyExperiment/DataSettings``; this reads the file).
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

    /// The points to fit (checked when the command's experiment is made, in `validate()`).
    func regressionData(parameters: [String: Double]) throws -> RegressionData {
        var settings = AutopsyExperiment.DataSettings()
        (settings.target, settings.x, settings.points) = (target, inputs.range, points)
        do {
            if let data { settings.rows = try AutopsyExperiment.DataSettings.rows(csv: try Self.read(csvAt: data), name: data) }
            return try settings.regressionData(parameters: parameters)
        } catch let error as SettingsError {
            throw CommandError(error)
        }
    }

    /// The text of a CSV file of at most 100 MB; a missing, special or empty file is a one-line error.
    static func read(csvAt path: String) throws -> String {
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
        return String(decoding: bytes, as: UTF8.self)
    }
}
