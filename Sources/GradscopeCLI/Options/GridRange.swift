import ArgumentParser
import GradscopeGallery

/// A closed interval written `A:B` on the command line (`--x -1:1`), with A < B, both finite
/// and B − A finite (so `-1e308:1e308` is refused rather than giving x = nan, inf).
struct GridRange: ExpressibleByArgument, Sendable, Equatable {
    var lower: Double
    var upper: Double

    init(lower: Double, upper: Double) { self.lower = lower; self.upper = upper }

    init?(argument: String) {
        guard GridRange.problem(with: argument) == nil else { return nil }
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
        self.init(lower: Double(parts[0])!, upper: Double(parts[1])!)
    }

    /// Why `text` is not a range, e.g. "needs A < B, got 1:0", or nil when it is one.
    static func problem(with text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "takes a range A:B such as -1:1, got '\(text)'" }
        guard let a = Double(parts[0]), let b = Double(parts[1]) else {
            return "takes two numbers A:B such as -1:1, got '\(text)'"
        }
        guard a.isFinite, b.isFinite else { return "needs finite A and B, got \(text)" }
        guard a < b else { return "needs A < B, got \(text)" }
        guard (b - a).isFinite else { return "needs a width B − A below 1.8e308, got \(text)" }
        return nil
    }

    var defaultValueDescription: String { "\(TerminalNumber.short(lower)):\(TerminalNumber.short(upper))" }
}
