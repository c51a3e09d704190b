import Testing
@testable import GradscopeCharts

@Suite struct TerminalTests {
    static func visibleLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines.map { line in
            // Drop "ESC [ … m" sequences.
            var visible = "", skipping = false
            for character in line {
                if character == "\u{1B}" { skipping = true } else if skipping { if character == "m" { skipping = false } }
                else { visible.append(character) }
            }
            return visible
        }
    }

    @Test("Without colour there is no escape byte and the size is as requested", arguments: [(80, 20), (40, 8), (120, 30)])
    func plain(width: Int, height: Int) {
        let text = Examples.seedRelu.terminal(width: width, height: height, colour: .none)
        #expect(!text.contains("\u{1B}"))
        #expect(text.unicodeScalars.allSatisfy { !(0x2800...0x28FF).contains($0.value) })
        let lines = Self.visibleLines(text)
        #expect(lines.count == height)
        #expect(lines.allSatisfy { $0.count == width })
        #expect(text.contains("*") && text.contains("+") && text.contains("o"))
    }

    @Test("With 24-bit colour the series colours appear and the size holds")
    func trueColour() {
        let text = Examples.seedRelu.terminal(width: 80, height: 20, colour: .trueColour)
        #expect(text.contains("\u{1B}[38;2;255;192;203m"))   // pink
        #expect(text.contains("\u{1B}[38;2;255;0;0m"))       // red
        #expect(text.contains("\u{1B}[38;2;139;0;0m"))       // dark red
        #expect(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
        let lines = Self.visibleLines(text)
        #expect(lines.count == 20 && lines.allSatisfy { $0.count == 80 })
    }

    @Test("256-colour mode uses the colour cube")
    func ansi256() {
        let text = Examples.seedRelu.terminal(width: 60, height: 12, colour: .ansi256)
        #expect(text.contains("\u{1B}[38;5;196m"))  // red
        #expect(!text.contains("38;2;"))
    }

    @Test("A log chart marks overflow and NaN and labels decades")
    func logGaps() {
        let plain = Examples.overflowLog.terminal(width: 80, height: 16, colour: .none)
        #expect(plain.contains("^ overflow to Inf"))
        #expect(plain.contains("X NaN"))
        #expect(plain.contains("10⁵⁰") || plain.contains("10⁴⁰"))
        #expect(plain.contains("Float16 max 65504"))
        let coloured = Examples.overflowLog.terminal(width: 80, height: 16, colour: .trueColour)
        #expect(coloured.contains("▲") && coloured.contains("✕"))
    }

    @Test("Colour is off with NO_COLOR or without a terminal; width from COLUMNS, the window, or 80")
    func detect() {
        #expect(TerminalStyle.detect(environment: ["NO_COLOR": ""], isTerminal: true, windowWidth: 100)
            == TerminalStyle(colour: .none, width: 100))
        #expect(TerminalStyle.detect(environment: [:], isTerminal: false, windowWidth: nil) == TerminalStyle(colour: .none, width: 80))
        #expect(TerminalStyle.detect(environment: ["COLORTERM": "truecolor", "COLUMNS": "132"], isTerminal: true, windowWidth: 90)
            == TerminalStyle(colour: .trueColour, width: 132))
        #expect(TerminalStyle.detect(environment: ["COLUMNS": "x"], isTerminal: true, windowWidth: 0).colour == .ansi256)
        #expect(TerminalStyle.detect(environment: ["COLUMNS": "x"], isTerminal: true, windowWidth: 0).width == 80)
    }
}

@Suite struct TerminalHeatmapTests {
    @Test("A plain heatmap uses shades, no escapes, and the requested size")
    func plain() {
        let text = Examples.surface.terminal(width: 60, height: 14, colour: .none)
        #expect(!text.contains("\u{1B}"))
        let lines = TerminalTests.visibleLines(text)
        #expect(lines.count == 14 && lines.allSatisfy { $0.count == 60 })
        #expect(text.contains("@") && text.contains("? NaN"))
    }

    @Test("A coloured heatmap uses half blocks with viridis colours")
    func coloured() {
        let text = Examples.surface.terminal(width: 60, height: 14, colour: .trueColour)
        #expect(text.contains("▀"))
        #expect(text.contains("38;2;68;1;84") && text.contains("38;2;253;231;37"))  // #440154 and #FDE725 in the scale
        let lines = TerminalTests.visibleLines(text)
        #expect(lines.count == 14 && lines.allSatisfy { $0.count == 60 })
    }
}
