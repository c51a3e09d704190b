/// The LaTeX that posts and papers use in formulas, mapped to plain-math tokens.
///
///     \text{relu} \operatorname{sig} \mathrm{tanh}   → the name inside the braces
///     \tanh \exp \log \ln \sin \cos \sqrt \max \min  → that function name
///     \sigma \alpha … \pi                            → the letter's name (σ applied is sigmoid)
///     \times \cdot \ast → *     \div → /     \frac{a}{b} → (a)/(b)
///     \left( \right) \bigl( …  → the bracket;    \, \; \: \! \quad → nothing
enum LaTeX {
    /// Commands whose braced argument is a name: `\text{relu}` is `relu`.
    static let nameWrappers: Set<String> = [
        "text", "textrm", "textit", "textsf", "mathrm", "mathit", "mathsf", "mathbf", "operatorname", "rm",
    ]

    /// Commands that stand for a name (functions, Greek letters).
    static let names: Set<String> = [
        "tanh", "exp", "log", "ln", "sin", "cos", "sqrt", "max", "min",
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "kappa",
        "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "phi", "varphi", "chi", "psi", "omega", "pi",
    ]

    /// Commands that are an operator token.
    static let operators: [String: Token.Kind] = [
        "times": .times, "cdot": .times, "ast": .times, "div": .divide,
        "frac": .fraction, "dfrac": .fraction, "tfrac": .fraction,
    ]

    /// Commands that only size the bracket after them.
    static let bracketSizes: Set<String> = [
        "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
    ]

    /// Spacing commands, ignored.
    static let spaces: Set<String> = ["quad", "qquad", "displaystyle", "limits"]
}
