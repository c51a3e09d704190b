import GradscopeNumerics
/// Dynamic loss scaling as PyTorch's `GradScaler` does it (its defaults below):
///
///     backward from S·L;  g ← g/S (in Float32)
///     some g Inf/NaN:  skip the update, S ← S·0.5, tracker ← 0
///     else:            update, tracker += 1; after 2000 clean steps S ← S·2, tracker ← 0
///
/// Small Float16 gradients that would underflow to 0 are computed S times larger.
public struct GradScaler: Hashable, Sendable {
    /// The current scale S (PyTorch's `init_scale` 2^16 to start).
    public var scale: Double
    public var growthFactor: Double
    public var backoffFactor: Double
    public var growthInterval: Int
    /// Clean steps since the scale last changed.
    public private(set) var growthTracker = 0

    public init(scale: Double = 65536, growthFactor: Double = 2, backoffFactor: Double = 0.5, growthInterval: Int = 2000) {
        precondition(scale > 0 && growthFactor > 1 && backoffFactor > 0 && backoffFactor < 1 && growthInterval > 0,
                     "GradScaler needs scale > 0, growth > 1, 0 < backoff < 1 and a positive interval.")
        self.scale = scale
        self.growthFactor = growthFactor
        self.backoffFactor = backoffFactor
        self.growthInterval = growthInterval
    }

    /// Adjusts the scale after a step (PyTorch's `update()`); the scale is a Float32, as in PyTorch.
    public mutating func update(foundNonFinite: Bool) {
        if foundNonFinite {
            scale = Double(Float(scale * backoffFactor))
            growthTracker = 0
        } else {
            growthTracker += 1
            if growthTracker == growthInterval {
                scale = Double(Float(scale * growthFactor))
                growthTracker = 0
            }
        }
    }
}
