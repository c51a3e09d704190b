/// Prose broken into lines at spaces, for SVG captions and terminal text alike.
public enum TextWrap {
    /// The lines of `text`, each at most `width` characters (a longer word gets a line
    /// of its own); line breaks in `text` are kept.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard !text.isEmpty else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty, line.count + 1 + word.count > width {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(line)
        }
        return lines
    }

    /// `lines(text, width:)` joined by newlines.
    public static func wrap(_ text: String, width: Int) -> String {
        lines(text, width: width).joined(separator: "\n")
    }
}
