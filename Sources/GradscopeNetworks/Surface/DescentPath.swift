import GradscopeNumerics
/// Gradient descent on a ``SurfaceModel``'s (w, b), every step recorded.
///
/// Each step takes θ ← θ − η·g, where g is the exact gradient, rescaled when clipping is on
/// (Pascanu et al. 2013, Algorithm 1, ``NormClipping/pascanu(threshold:)``):
///
///     g = ∇L(θ);  if ‖g‖ > threshold: g ← threshold·g/‖g‖;  θ ← θ − η·g
///
/// The run stops early at the first point whose loss or gradient is not finite.
public struct DescentPath: Sendable, Hashable {
    /// One visited point and the step taken from it.
    public struct Step: Sendable, Hashable, Codable {
        /// 0 for the start point.
        public var iteration: Int
        public var w: Double
        public var b: Double
        /// L(w, b).
        public var loss: Double
        /// ∂L/∂w and ∂L/∂b at (w, b).
        public var dLossDW: Double
        public var dLossDB: Double
        /// ‖∇L(w, b)‖.
        public var gradientNorm: Double
        /// ‖Δθ‖ = η·‖g‖ of the step taken from here (after clipping); 0 at the last point.
        public var stepLength: Double
        /// Whether clipping rescaled the gradient here.
        public var clipped: Bool
        /// Whether the loss and gradient at (w, b) are finite.
        public var isFinite: Bool
    }

    /// The learning rate η.
    public let learningRate: Double
    /// The clipping threshold, or nil for plain gradient descent.
    public let clipThreshold: Double?
    /// The start point and every point reached, in order.
    public let steps: [Step]

    /// The longest single step ‖Δθ‖.
    public var longestStep: Double { steps.map(\.stepLength).max() ?? 0 }

    /// The distance from the start point to the last point.
    public var displacement: Double {
        guard let first = steps.first, let last = steps.last else { return 0 }
        return ((last.w - first.w) * (last.w - first.w) + (last.b - first.b) * (last.b - first.b)).squareRoot()
    }

    /// Whether every visited point had a finite loss and gradient.
    public var stayedFinite: Bool { steps.allSatisfy(\.isFinite) }

    /// The number of steps clipping rescaled.
    public var clippedCount: Int { steps.count(where: \.clipped) }
}

extension SurfaceModel {
    /// Gradient descent from `start`, with Pascanu's norm clipping when `clipThreshold` is given.
    ///
    /// ```swift
    /// let path = SurfaceModel.pascanu.descend(from: (10, -5.6), learningRate: 0.5, iterations: 40, clipThreshold: 1)
    /// path.longestStep   // ≤ 0.5·1
    /// ```
    ///
    /// - Parameters:
    ///   - start: the initial (w, b).
    ///   - learningRate: η > 0.
    ///   - iterations: the number of steps (the path holds up to iterations + 1 points).
    ///   - clipThreshold: rescale g to this norm when ‖g‖ exceeds it; nil never clips.
    ///   - type: the precision the loss and gradient are evaluated in; θ is kept in Double.
    public func descend<T: GradFloat>(
        from start: (w: Double, b: Double), learningRate: Double, iterations: Int,
        clipThreshold: Double? = nil, in type: T.Type = Double.self
    ) -> DescentPath {
        precondition(learningRate > 0 && iterations >= 0, "Descent needs η > 0 and iterations ≥ 0.")
        precondition(clipThreshold.map { $0 > 0 } ?? true, "The clipping threshold must be positive.")
        var (w, b) = start
        var steps: [DescentPath.Step] = []
        for iteration in 0...iterations {
            let point = evaluate(w: T(w), b: T(b))
            let dw = Double(point.dLossDW), db = Double(point.dLossDB)
            let norm = point.gradientNorm
            var step = DescentPath.Step(iteration: iteration, w: w, b: b, loss: Double(point.loss), dLossDW: dw, dLossDB: db,
                                        gradientNorm: norm, stepLength: 0, clipped: false, isFinite: point.isFinite)
            guard step.isFinite, iteration < iterations else {
                steps.append(step)
                break
            }
            var scale = learningRate
            if let clipThreshold, let coefficient = NormClipping.pascanu(threshold: clipThreshold).coefficient(forNorm: norm) {
                scale *= coefficient
                step.clipped = true
            }
            step.stepLength = scale * norm
            steps.append(step)
            w -= scale * dw
            b -= scale * db
        }
        return DescentPath(learningRate: learningRate, clipThreshold: clipThreshold, steps: steps)
    }
}
