import GradscopeCore

extension ClosedRange<Double> {
    /// The window as summaries and captions write it: `[-4, 4]`, each bound as ``TerminalNumber/short(_:)`` spells it.
    var terminalText: String { "[\(TerminalNumber.short(lowerBound)), \(TerminalNumber.short(upperBound))]" }
}
