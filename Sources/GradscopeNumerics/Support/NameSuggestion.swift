/// "Did you mean …?" for misspelt names: the closest candidate by edit distance.
public enum NameSuggestion {
    /// The candidate closest to `name` (case-insensitive), if it is at most 2 edits
    /// away and fewer edits than the name is long; ties go to the alphabetically first.
    ///
    /// ```swift
    /// NameSuggestion.closest(to: "tanhh", among: ["tanh", "relu"])   // "tanh"
    /// ```
    public static func closest<S: Sequence<String>>(to name: String, among candidates: S) -> String? {
        let lowered = name.lowercased()
        let scored = candidates.map { ($0, editDistance(lowered, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }),
              best.1 <= 2, best.1 < name.count else { return nil }
        return best.0
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = Swift.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}
