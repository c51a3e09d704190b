/// The total-work caps of the long commands, checked in their `validate()` before any work:
/// one line stating the cost and the limit, exit 1. Each limit keeps a release build's run
/// under about 40 s and its memory under 1 GB (rates measured on the 2-core machine).
extension WorkLimits {
    /// `autopsy`: runs × steps × points × layers × (width² for an MLP, 10 for a one-unit layer);
    /// about 20 million a second with every operation probed.
    static let maxAutopsyWork = 500_000_000

    /// `train`: steps × length × batch × hidden² × gate matrices × 3 (forward and backward); the default, 3.9e10, takes 17 s,
    /// so the limit, 1e12, is about 7 minutes. Its memory does not grow with the steps (the step records have their own
    /// cap, ``checkTrain(steps:length:batch:hidden:gates:testSize:scaled:)``); only time does, with a progress bar and Ctrl-C.
    /// An FP8 run (`--scaling`) adds 60 per value cast (a software cast costs that many multiply-adds).
    static let maxTrainWork = 1_000_000_000_000

    /// `phase --trainability`: columns × Σ depths × width² (the default, 4.0e8, takes 24 s).
    static let maxTrainabilityWork = 600_000_000

    /// `spectrum`: cases × depth × width³ (about 2.7e8 a second).
    static let maxSpectrumWork = 10_000_000_000

    /// `a × b × …`, saturating at `Int.max`.
    static func product(_ factors: [Int]) -> Int {
        var total = 1
        for factor in factors {
            let (value, overflow) = total.multipliedReportingOverflow(by: max(factor, 0))
            if overflow { return Int.max }
            total = value
        }
        return total
    }

    /// Throws "`what` is `work` `unit`; the limit is `limit`. `fix`" when `work > limit`.
    static func checkWork(_ work: Int, limit: Int, what: String, unit: String, fix: String) throws {
        guard work > limit else { return }
        let amount = work == Int.max ? "more than 9e18" : String(work)
        throw CommandError("\(what) is \(amount) \(unit); the limit is \(limit). \(fix)")
    }

    /// `autopsy`'s work and the memory of its per-step records (`runs × steps × (32 · layers + 200)` bytes).
    static func checkAutopsy(runs: Int, steps: Int, points: Int, depth: Int, width: Int, isMLP: Bool) throws {
        let perLayer = isMLP ? width * width : 10
        try checkWork(product([runs, steps, points, depth, perLayer]), limit: maxAutopsyWork,
                      what: "This autopsy (\(runs) runs × \(steps) steps × \(points) points × \(depth) layers\(isMLP ? " × \(width)²" : ""))",
                      unit: "operations", fix: "Lower --steps, --depth, --points or the number of --remedies.")
        try check(product([runs, steps, 32 * depth + 200]), what: "The per-step records of \(runs) runs × \(steps) steps × \(depth) layers",
                  fix: "Lower --steps or --depth, or replay fewer --remedies.")
    }

    /// `train`'s work and memory: the states kept for backpropagation through time
    /// (`length × batch × hidden × 8 · gates` bytes, and an FP8 run's cast copies), the test set's, and the
    /// per-step records kept for the report (`steps × (length + 8) × 40` bytes: ‖∂L/∂h_t‖ and the table).
    static func checkTrain(steps: Int, length: Int, batch: Int, hidden: Int, gates: Int, testSize: Int, scaled: Bool = false) throws {
        try check(product([length, max(batch, testSize), hidden, 8 * (gates + 1) * (scaled ? 2 : 1)]),
                  what: "Keeping \(length) steps × \(max(batch, testSize)) sequences × \(hidden) units for backpropagation",
                  fix: "Lower --length, --batch, --test-size or --hidden.")
        try check(product([steps, length + 8, 40]), what: "The records of \(steps) steps × \(length + 1) time steps",
                  fix: "Lower --steps or --length (or run several shorter trainings).")
        let products = product([steps, length, batch, hidden, hidden, gates, 3])
        let casts = scaled ? product([steps, length, batch, hidden, gates + 3, 60]) : 0
        try checkWork(products > Int.max - casts ? Int.max : products + casts, limit: maxTrainWork,
                      what: "Training \(steps) steps × \(length) × \(batch) sequences × \(hidden)² units\(scaled ? " with FP8 casts" : "")", unit: "multiply-adds",
                      fix: "Lower --steps, --length, --batch or --hidden.")
    }
}
