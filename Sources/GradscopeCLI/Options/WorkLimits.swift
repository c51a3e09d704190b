import GradscopeCore

/// The memory budget of accepted commands: an estimate made before any work, refused with
/// the cost and the limit in one line, so that no accepted command goes past about 1 GB.
enum WorkLimits {
    /// The largest estimate accepted (the estimate is within a factor of two of the measured peak).
    static let maxBytes = 500_000_000

    /// `plot`'s bytes: one layer's evaluation (`40 · steps · points`) plus every output row in
    /// memory as numbers and as text (`rows · (2 + parameters) · 24 + rows · (3 + parameters) · 48`).
    static func plotBytes(steps: Int, points: Int, depths: Int, parameters: Int) -> Int {
        let rows = points.multipliedReportingOverflow(by: depths)
        guard !rows.overflow else { return Int.max }
        let evaluation = 40 * steps * points
        let numbers = rows.partialValue * (2 + parameters) * 24
        let text = rows.partialValue * (3 + parameters) * 48
        return evaluation + numbers + text
    }

    /// Throws the one-line refusal when `bytes` is over the budget.
    static func check(_ bytes: Int, what: String, fix: String) throws {
        guard bytes > maxBytes else { return }
        let megabytes = bytes == Int.max ? "more than 9e12" : "about \(bytes / 1_000_000)"
        throw CommandError("\(what) needs \(megabytes) MB of memory; the limit is \(maxBytes / 1_000_000) MB. \(fix)")
    }
}
