/// The checks every experiment's `Settings.validate()` makes, each throwing the one sentence the
/// faces share (``SettingsError`` names the setting; the CLI adds `--`).
///
/// ```swift
/// try SettingsCheck.value("depth", depth, within: 1...100_000)   // "depth must be between 1 and 100000, got 0."
/// try SettingsCheck.finite("weight", weight)                      // "weight must be a finite number, got nan."
/// ```
public enum SettingsCheck {
    /// "must be between L and U`note`, got V." unless `range` holds `value`.
    /// - Parameter note: said after the bounds, e.g. `" (the SVD is O(N³))"`.
    public static func value<Value: Comparable>(_ setting: String, _ value: Value, within range: ClosedRange<Value>,
                                                note: String = "") throws(SettingsError) {
        guard range.contains(value) else {
            throw SettingsError(setting: setting, "must be between \(range.lowerBound) and \(range.upperBound)\(note), got \(value).")
        }
    }

    /// "must be a finite number, got V." for NaN and ±Inf.
    public static func finite(_ setting: String, _ value: Double) throws(SettingsError) {
        guard value.isFinite else { throw SettingsError(setting: setting, "must be a finite number, got \(value).") }
    }

    /// "must be a finite number ≥ 0, got V." for NaN, ±Inf and negative values (a variance, say).
    public static func finiteNonNegative(_ setting: String, _ value: Double) throws(SettingsError) {
        guard value.isFinite, value >= 0 else { throw SettingsError(setting: setting, "must be a finite number ≥ 0, got \(value).") }
    }

    /// "must be a positive number, got V." for NaN, ±Inf, zero and negative values (a learning rate).
    public static func positive(_ setting: String, _ value: Double) throws(SettingsError) {
        guard value.isFinite, value > 0 else { throw SettingsError(setting: setting, "must be a positive number, got \(value).") }
    }

    /// The same check as `positive` of a Double, saying "must be a positive finite number, got V."
    public static func positiveFinite(_ setting: String, _ value: Double) throws(SettingsError) {
        guard value.isFinite, value > 0 else { throw SettingsError(setting: setting, "must be a positive finite number, got \(value).") }
    }

    /// "must be positive, got V." for a count below 1.
    public static func positive(_ setting: String, _ value: Int) throws(SettingsError) {
        guard value >= 1 else { throw SettingsError(setting: setting, "must be positive, got \(value).") }
    }

    /// "must be a range A:B of finite numbers with A < B, got A:B." for a window that is not finite
    /// or is empty.
    public static func interval(_ setting: String, _ range: ClosedRange<Double>) throws(SettingsError) {
        guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
            throw SettingsError(setting: setting, "must be a range A:B of finite numbers with A < B, got \(range.lowerBound):\(range.upperBound).")
        }
    }
}
