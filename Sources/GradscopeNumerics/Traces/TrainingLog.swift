/// The step-level numbers a training run logged without a probe: from a Hugging Face Trainer's
/// `trainer_state.json` (``init(trainerState:path:)``) or TensorBoard event files (``init(tensorBoard:path:tags:)``).
///
/// Non-finite values are kept as NaN and ±Inf: a NaN loss is the event the reader is for.
public struct TrainingLogFile: Sendable {
    public enum Source: String, Sendable, Codable {
        case trainerState = "trainer-state"
        case tensorBoard = "tensorboard"
    }

    /// One logged step; a value is nil when that step did not log it.
    public struct Entry: Hashable, Sendable, Codable {
        public var step: Int
        public var loss: Double?
        public var gradientNorm: Double?
        public var learningRate: Double?
        /// A loss scale (GradScaler's), when one is logged.
        public var scale: Double?

        public init(step: Int, loss: Double? = nil, gradientNorm: Double? = nil, learningRate: Double? = nil, scale: Double? = nil) {
            self.step = step
            self.loss = loss
            self.gradientNorm = gradientNorm
            self.learningRate = learningRate
            self.scale = scale
        }
    }

    public var path: String
    public var source: Source
    /// The tags (or keys) each series came from: `loss` → `train/loss`.
    public var tags: [String: String]
    /// By step, one entry per step (a later record of the same step fills what an earlier one left empty).
    public var entries: [Entry]

    public init(path: String, source: Source, tags: [String: String], entries: [Entry]) {
        self.path = path
        self.source = source
        self.tags = tags
        self.entries = entries
    }

    /// Entries merged by step, in step order.
    static func merged(_ entries: [Entry]) -> [Entry] {
        var byStep: [Int: Entry] = [:]
        for e in entries {
            var m = byStep[e.step] ?? Entry(step: e.step)
            m.loss = m.loss ?? e.loss
            m.gradientNorm = m.gradientNorm ?? e.gradientNorm
            m.learningRate = m.learningRate ?? e.learningRate
            m.scale = m.scale ?? e.scale
            byStep[e.step] = m
        }
        return byStep.values.sorted { $0.step < $1.step }
    }
}
