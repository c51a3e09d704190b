/// The budgets of accepted work, estimated from the settings before any work is done and refused
/// in one sentence stating the cost and the limit, so that no accepted run goes past about 1 GB of
/// memory or runs for hours unasked. The experiments' `Settings.validate()` apply them, so every
/// face refuses the same settings (a server may keep a stricter per-request budget on top).
public enum WorkLimits {
    /// The largest memory estimate accepted, in bytes (an estimate is within a factor of two of the measured peak).
    public static let maxBytes = 500_000_000

    /// `a × b × …` with negative factors taken as 0, saturating at `Int.max`.
    public static func product(_ factors: [Int]) -> Int {
        var total = 1
        for factor in factors {
            let (value, overflow) = total.multipliedReportingOverflow(by: max(factor, 0))
            if overflow { return Int.max }
            total = value
        }
        return total
    }

    /// Throws "`what` needs about N MB of memory; the limit is 500 MB. `fix`" when `bytes` is over ``maxBytes``.
    public static func checkMemory(_ bytes: Int, what: String, fix: String) throws(SettingsError) {
        guard bytes > maxBytes else { return }
        let megabytes = bytes == Int.max ? "more than 9e12" : "about \(bytes / 1_000_000)"
        throw SettingsError(setting: nil, "\(what) needs \(megabytes) MB of memory; the limit is \(maxBytes / 1_000_000) MB. \(fix)")
    }

    /// Throws "`what` is `work` `unit`; the limit is `limit`. `fix`" when `work > limit`.
    public static func checkWork(_ work: Int, limit: Int, what: String, unit: String, fix: String) throws(SettingsError) {
        guard work > limit else { return }
        let amount = work == Int.max ? "more than 9e18" : String(work)
        throw SettingsError(setting: nil, "\(what) is \(amount) \(unit); the limit is \(limit). \(fix)")
    }
}
