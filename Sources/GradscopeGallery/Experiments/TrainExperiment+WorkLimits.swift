extension TrainExperiment.Settings {
    /// Multiply-adds of one training: steps × length × batch × hidden² × gate matrices × 3 (forward and
    /// backward). The default, 3.9e10, takes 17 s, so the limit, 1e12, is about 7 minutes. Memory does not
    /// grow with the steps (the step records have their own cap); only time does, with progress and Ctrl-C.
    /// An FP8 run adds 60 per value cast (a software cast costs that many multiply-adds).
    public static let maxWork = 1_000_000_000_000

    /// The work and memory of this training, within ``WorkLimits``: the states kept for backpropagation
    /// through time (`length × batch × hidden × 8 · (gates + 1)` bytes, twice for an FP8 run's cast copies,
    /// the test set's likewise), the per-step records kept for the report (`steps × (length + 8) × 40`
    /// bytes: ‖∂L/∂h_t‖ and the table), and ``maxWork``.
    /// - Throws: ``SettingsError`` stating the cost and the limit.
    func checkWorkLimits() throws(SettingsError) {
        let scaled = scaling != nil, sequences = max(batch, testSize)
        try WorkLimits.checkMemory(WorkLimits.product([length, sequences, hidden, 8 * (gates + 1) * (scaled ? 2 : 1)]),
                                   what: "Keeping \(length) steps × \(sequences) sequences × \(hidden) units for backpropagation",
                                   fix: "Lower \(setting: "length"), \(setting: "batch"), \(setting: "test-size") or \(setting: "hidden").")
        try WorkLimits.checkMemory(WorkLimits.product([steps, length + 8, 40]), what: "The records of \(steps) steps × \(length + 1) time steps",
                                   fix: "Lower \(setting: "steps") or \(setting: "length") (or run several shorter trainings).")
        let products = WorkLimits.product([steps, length, batch, hidden, hidden, gates, 3])
        let casts = scaled ? WorkLimits.product([steps, length, batch, hidden, gates + 3, 60]) : 0
        try WorkLimits.checkWork(products > Int.max - casts ? Int.max : products + casts, limit: Self.maxWork,
                                 what: "Training \(steps) steps × \(length) × \(batch) sequences × \(hidden)² units\(scaled ? " with FP8 casts" : "")",
                                 unit: "multiply-adds", fix: "Lower \(setting: "steps"), \(setting: "length"), \(setting: "batch") or \(setting: "hidden").")
    }
}
