import GradscopeCharts

extension Tour {
    /// The report's title.
    public static let title = "Gradscope: why your neural network gives NaNs"

    /// The report's first paragraph.
    public static let introduction = "Every figure of the post \"The exploding gradient problem: Why your neural network gives NaNs\", recomputed exactly — one unit per layer, a shared weight of 8, and the gradient as a product of one factor w·φ'(a) per layer — then the autopsy of a training run that turns into NaNs, recurrent networks over long sequences, and wide networks."

    /// The figure id that `name` picks among `ids`: `S3` or `s3-minefield`, in any case; nil when none.
    public static func figureID(named name: String, among ids: [String] = figureIDs) -> String? {
        let key = name.lowercased()
        return ids.first { $0 == key || $0.hasPrefix(key + "-") }
    }

    /// The parts to show: every one, or only the part and figure `figure` names (only it is computed).
    public static func selection(figure: String?) -> [TourSection] {
        guard let figure, let id = figureID(named: figure) else { return sections }
        let section = sections.first { $0.figureIDs.contains(id) }!
        return [TourSection(title: section.title, entries: section.entries.filter { $0.id == id })]
    }

    /// A part's heading for a terminal: its title in capitals between rules, bold red in colour.
    public static func banner(_ title: String, width: Int, colour: TerminalColour) -> String {
        let rule = String(repeating: "━", count: width)
        let text = colour == .none ? title.uppercased() : "\u{1B}[1;31m\(title.uppercased())\u{1B}[0m"
        return "\(rule)\n\(text)\n\(rule)"
    }
}
