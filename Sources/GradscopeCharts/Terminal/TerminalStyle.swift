#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How charts may colour terminal output.
public enum TerminalColour: Sendable, Hashable {
    /// Plain characters, no escape codes.
    case none
    /// The xterm 256-colour palette (6×6×6 cube).
    case ansi256
    /// 24-bit colour escapes.
    case trueColour
}

/// What the terminal on stdout can show: colour support and width in columns.
public struct TerminalStyle: Sendable, Hashable {
    public var colour: TerminalColour
    public var width: Int

    public init(colour: TerminalColour, width: Int) {
        self.colour = colour
        self.width = width
    }

    /// The style of this process's stdout.
    ///
    /// Colour is off when `NO_COLOR` is set (to anything) or stdout is not a terminal;
    /// 24-bit when `COLORTERM` says `truecolor` or `24bit`, else 256 colours.
    /// The width comes from `COLUMNS`, else the terminal's window size, else 80.
    public static func detect() -> TerminalStyle {
        var window = winsize()
        let windowWidth = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0 ? Int(window.ws_col) : nil
        return detect(environment: ProcessInfo.processInfo.environment, isTerminal: isatty(STDOUT_FILENO) == 1,
                      windowWidth: windowWidth)
    }

    /// The style for the given environment, terminal flag and window width.
    public static func detect(environment: [String: String], isTerminal: Bool, windowWidth: Int?) -> TerminalStyle {
        let colour: TerminalColour
        if environment["NO_COLOR"] != nil || !isTerminal {
            colour = .none
        } else if let scheme = environment["COLORTERM"]?.lowercased(), scheme.contains("truecolor") || scheme.contains("24bit") {
            colour = .trueColour
        } else {
            colour = .ansi256
        }
        let columns = environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        let width = columns ?? windowWidth.flatMap { $0 > 0 ? $0 : nil } ?? 80
        return TerminalStyle(colour: colour, width: width)
    }
}

import Foundation
