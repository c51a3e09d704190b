extension Formula {
    /// The formula's values and exact derivatives at every x, computed in `T`.
    ///
    /// ```swift
    /// let r = try Formula(parsing: "relu(w*relu(w*x))").evaluate(at: [0.5], parameters: ["w": 8.0])
    /// r.y == [32], r.dydx == [64], r.parameterGradients["w"] == [8]   // ∂/∂w (w²x) = 2wx
    /// ```
    ///
    /// dy/dx is exact by forward mode, ∂y/∂p by reverse mode, both over the whole
    /// array at once. IEEE rules hold: Inf and NaN propagate, nothing is clamped.
    /// Parameter values the formula does not use are ignored.
    ///
    /// - Parameters:
    ///   - xs: The inputs.
    ///   - parameters: A value for every name in ``parameters``.
    /// - Returns: y, dy/dx and the gradient of y for every parameter, at every x.
    /// - Throws: ``FormulaError`` when a parameter has no value ("Did you mean 'w*x'?"
    ///   when the missing name splits into known ones) or when `x`, `e` or `pi` is given a value.
    public func evaluate<T: GradFloat>(at xs: [T], parameters values: [String: T] = [:]) throws(FormulaError) -> FormulaEvaluation<T> {
        try Formula.check(Set(values.keys), against: [self])
        return program.run(at: xs, parameters: values)
    }

    /// Throws if a reserved name is given a value, or a parameter of the formulas has none.
    static func check(_ given: Set<String>, against formulas: [Formula]) throws(FormulaError) {
        for reserved in ["x", "e", "pi"] where given.contains(reserved) {
            throw .reservedParameter(reserved)
        }
        for formula in formulas {
            for name in formula.parameters where !given.contains(name) {
                if let parts = split(name, into: given.union(["x", "e", "pi"])) {
                    throw .splitName(name, into: parts, at: formula.column(of: name))
                }
                throw .missingParameter(name)
            }
        }
    }

    /// `name` as the fewest (two or three) parts written together, each a known name or a single
    /// letter, at least one of them known: `wx` is `w`, `x` whether or not `w` has a value.
    /// Linear in the length of `name`: each end position tries parts of at most 32 characters.
    static func split(_ name: String, into known: Set<String>) -> [String]? {
        var steps = 0
        return split(name, into: known, steps: &steps)
    }

    /// ``split(_:into:)``, counting the candidate parts it looks at in `steps` (for the linearity test).
    static func split(_ name: String, into known: Set<String>, steps: inout Int) -> [String]? {
        let characters = Array(name)
        let n = characters.count
        guard n >= 2 else { return nil }
        let longest = min(32, known.map(\.count).max() ?? 1)
        // best[i]: the fewest parts for the first i characters, the start of the last part, and
        // whether a known (not single-letter) part is among them.
        var best: [(parts: Int, start: Int, hasKnown: Bool)?] = Array(repeating: nil, count: n + 1)
        best[0] = (0, 0, false)
        for end in 1...n {
            for length in 1...min(longest, end) {
                steps += 1
                let start = end - length
                guard let before = best[start] else { continue }
                let part = String(characters[start..<end])
                let isKnown = known.contains(part)
                guard isKnown || (length == 1 && characters[start].isASCII && characters[start].isLetter) else { continue }
                let candidate = (parts: before.parts + 1, start: start, hasKnown: before.hasKnown || isKnown)
                if let current = best[end], (current.parts, current.hasKnown ? 0 : 1) <= (candidate.parts, candidate.hasKnown ? 0 : 1) {
                    continue
                }
                best[end] = candidate
            }
        }
        guard let last = best[n], last.hasKnown, (2...3).contains(last.parts) else { return nil }
        var parts: [String] = []
        var end = n
        while end > 0, let step = best[end] {
            parts.append(String(characters[step.start..<end]))
            end = step.start
        }
        return parts.reversed()
    }

    /// The column where `name` first appears in ``source``.
    func column(of name: String) -> Int? {
        let tokens = (try? Lexer.tokens(in: source)) ?? []
        return tokens.first { $0.kind == .name(name) }?.column
    }
}
