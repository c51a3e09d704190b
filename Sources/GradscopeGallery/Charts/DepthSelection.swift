/// Which depths of a deep nested formula to draw: all of them up to 7, otherwise the post's
/// 1, 2 and 3, then L/4, L/2, 3L/4 and L — seven lines that stay readable (the explorer's default).
///
///     DepthSelection.shown(upTo: 1000)   // [1, 2, 3, 250, 500, 750, 1000]
public enum DepthSelection {
    public static func shown(upTo depth: Int) -> [Int] {
        guard depth > 7 else { return Array(1...max(depth, 1)) }
        let quarters = (1...4).map { (depth * $0 + 2) / 4 }
        return Array(Set([1, 2, 3] + quarters)).sorted()
    }

    /// "depths 1, 2, 3, 25, 50, 75 and 100 of 100 (1, 2, 3 and every quarter)".
    public static func describe(_ depths: [Int], of depth: Int) -> String {
        let list = depths.count == 1 ? "\(depths[0])"
            : depths.dropLast().map(String.init).joined(separator: ", ") + " and \(depths.last!)"
        if depths == Array(1...depth) { return depth == 1 ? "depth 1" : "depths \(list) (all)" }
        let rule = depths == shown(upTo: depth) ? " (1, 2, 3 and every quarter)" : ""
        return "depths \(list) of \(depth)\(rule)"
    }
}
