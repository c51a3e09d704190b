/// `|a − b| ≤ tolerance·|b|`, with exact equality required for zeros and infinities
/// (a finite value is never close to ±Inf; NaN is close to nothing).
public func isClose(_ a: Double, _ b: Double, relative tolerance: Double) -> Bool {
    if a == b { return true }
    if !a.isFinite || !b.isFinite { return false }
    return abs(a - b) <= tolerance * abs(b)
}
