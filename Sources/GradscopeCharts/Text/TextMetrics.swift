/// How much room a line of chart text takes, estimated without a font engine.
///
/// The widths are DejaVu Sans' advance widths (the widest sans-serif a Linux browser falls back to
/// for "Helvetica, Arial, sans-serif"), rounded up, so that text measured here is never narrower
/// than a browser draws it with any of those fonts. Characters not in the table count as 0.9 em.
///
///     TextMetrics.width(of: "Float32 max 3.4e38", size: 11)  // ≈ 105 px
enum TextMetrics {
    /// Bold text is this much wider than regular text.
    static let boldFactor = 1.12
    /// The box a browser reports for a line of text (`getBBox()`), in em from the baseline.
    static let ascent = 0.95, descent = 0.25

    /// The width in pixels of `text` at font size `size`.
    static func width(of text: String, size: Double, bold: Bool = false) -> Double {
        let ems = text.unicodeScalars.reduce(0.0) { $0 + em(of: $1) }
        return ems * size * (bold ? boldFactor : 1)
    }

    /// The advance width of one character in em.
    static func em(of scalar: Unicode.Scalar) -> Double {
        switch scalar {
        case "i", "j", "l", "I", "J", "'", "|", ".", ",", ":", ";", "!", "\u{00B7}": 0.34
        case " ": 0.33
        case "f", "t", "(", ")", "[", "]", "{", "}", "/", "\\", "-", "r": 0.43
        case "s", "c", "z", "\"": 0.56
        case "m": 0.99
        case "w", "M", "W", "%", "@": 1.0
        case "0"..."9", "a"..."z", "$", "#", "?", "_", "^", "*": 0.65
        case "A"..."Z", "&": 0.8
        case "=", "+", "<", ">", "~", "\u{2212}", "\u{00D7}", "\u{2264}", "\u{2265}", "\u{2192}", "\u{2191}", "\u{2248}": 0.86
        case "\u{2070}"..."\u{209F}", "\u{00B2}", "\u{00B3}", "\u{00B9}": 0.45
        case "\u{0391}"..."\u{03C9}": 0.7
        default: 0.9
        }
    }

    /// `text` broken at spaces into lines at most `maxWidth` pixels wide (a longer word gets a line of its own).
    static func lines(_ text: String, maxWidth: Double, size: Double, bold: Bool = false) -> [String] {
        guard !text.isEmpty else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if !line.isEmpty, width(of: candidate, size: size, bold: bold) > maxWidth {
                    lines.append(line)
                    line = String(word)
                } else {
                    line = candidate
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// The largest font size up to `size` (but not below `smallest`) at which `text` fits in `maxWidth` pixels.
    static func fittingSize(of text: String, maxWidth: Double, size: Double, smallest: Double = 8, bold: Bool = false) -> Double {
        let full = width(of: text, size: size, bold: bold)
        guard full > maxWidth, full > 0 else { return size }
        return max(smallest, (size * maxWidth / full * 4).rounded(.down) / 4)
    }
}
