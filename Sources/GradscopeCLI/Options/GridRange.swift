import ArgumentParser

/// A closed interval written `A:B` on the command line (`--x -1:1`).
struct GridRange: ExpressibleByArgument, Sendable, Equatable {
    var lower: Double
    var upper: Double

    init(lower: Double, upper: Double) { self.lower = lower; self.upper = upper }

    init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), a.isFinite, b.isFinite, a < b else { return nil }
        self.init(lower: a, upper: b)
    }

    var defaultValueDescription: String { "\(NumberText.short(lower)):\(NumberText.short(upper))" }

    /// `count` evenly spaced points from lower to upper, both included: `lower + (upper − lower)·i/(count − 1)`.
    func grid(_ count: Int) -> [Double] {
        count == 1 ? [lower] : (0..<count).map { lower + (upper - lower) * Double($0) / Double(count - 1) }
    }
}
