extension Formula {
    /// The longest formula text accepted, in characters. Longer text is refused with
    /// ``FormulaError`` before it is read (the explorer's own cap is 500).
    public static let maxLength = 10_000

    /// The deepest nesting accepted: brackets, function calls, `\frac` groups, signs and
    /// exponents inside one another (`((x))` is 2, `--x` is 2, `x^x^x` is 2). Deeper text is
    /// refused with ``FormulaError`` at the column where the limit is crossed.
    public static let maxNesting = 100
}

extension Formula {
    /// The evaluation steps of one pass (numbers, names, operators, calls): the formula's
    /// cost per point. One pass over n points holds about `40 · steps · n` bytes.
    public var stepCount: Int { program.steps.count }
}
