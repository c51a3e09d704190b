import RealModule

extension Matrix {
    /// The spectral radius ρ(A) = max |eigenvalue| of a square matrix, by Gelfand's formula
    /// `ρ(A) = lim ‖A^k‖^(1/k)` with k = 2^m (repeated squaring in Double):
    ///
    ///     B_0 = A/‖A‖,  L_0 = log‖A‖;   B_{m+1} = B_m²/‖B_m²‖,  L_{m+1} = 2·L_m + log‖B_m²‖;   ρ ≈ exp(L_m / 2^m)
    ///
    /// Each B has norm 1, so nothing overflows; the error of the early squarings is halved at
    /// every later one. Works for every real matrix (complex or repeated dominant eigenvalues,
    /// Jordan blocks), unlike plain power iteration. 0 for a nilpotent matrix; NaN if an
    /// element is NaN or ±Inf. Cost: about 60 products of n × n matrices at most (n ≤ a few hundred).
    public var spectralRadius: Double {
        precondition(rows == columns, "The spectral radius needs a square matrix, got \(rows)×\(columns).")
        var b = converted(to: Double.self)
        guard b.elements.allSatisfy(\.isFinite) else { return .nan }
        var logScale = Double.log(b.frobeniusNorm)
        guard logScale.isFinite else { return 0 }
        b = b.map { $0 / Double.exp(logScale) }
        var power = 1.0, estimate = Double.exp(logScale)
        for _ in 0..<64 {
            let square = b * b
            let norm = square.frobeniusNorm
            guard norm > 0 else { return 0 }
            b = square.map { $0 / norm }
            logScale = 2 * logScale + Double.log(norm)
            power *= 2
            let next = Double.exp(logScale / power)
            if abs(next - estimate) <= 1e-15 * next { return next }
            estimate = next
        }
        return estimate
    }

    /// The largest singular value σ₁(A) = ‖A‖₂ = √ρ(AᵀA) (Pascanu's λ₁ for the recurrent matrix).
    public var largestSingularValue: Double {
        let a = converted(to: Double.self)
        return (a.transposed() * a).spectralRadius.squareRoot()
    }
}
