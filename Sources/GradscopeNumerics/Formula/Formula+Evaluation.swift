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

    /// `name` as the fewest (at least two) known names written together, if it is one:
    /// `wx` is `w`, `x`.
    static func split(_ name: String, into known: Set<String>) -> [String]? {
        let characters = Array(name)
        // best[i]: the shortest split of the first i characters.
        var best: [[String]?] = [[]] + Array(repeating: nil, count: characters.count)
        for end in 1...max(characters.count, 1) where !characters.isEmpty {
            for start in 0..<end {
                guard let prefix = best[start] else { continue }
                let part = String(characters[start..<end])
                if known.contains(part), best[end] == nil || best[end]!.count > prefix.count + 1 {
                    best[end] = prefix + [part]
                }
            }
        }
        guard let parts = best[characters.count], parts.count >= 2 else { return nil }
        return parts
    }

    /// The column where `name` first appears in ``source``.
    func column(of name: String) -> Int? {
        let tokens = (try? Lexer.tokens(in: source)) ?? []
        return tokens.first { $0.kind == .name(name) }?.column
    }
}
