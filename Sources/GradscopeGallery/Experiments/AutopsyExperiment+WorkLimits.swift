import GradscopeCore

extension AutopsyExperiment.Settings {
    /// Operations of one autopsy: runs × steps × points × layers × (width² for an MLP, 10 for a
    /// one-unit layer or a formula's parameter); about 20 million a second with every operation probed.
    public static let maxWork = 500_000_000

    /// The work of the baseline and every replay, and the memory of their per-step records
    /// (`runs × steps × (32 · layers + 200)` bytes), within ``WorkLimits``. Layers are the network's
    /// parameter groups (a chain's or an MLP's layers, a formula's parameters).
    /// - Throws: ``SettingsError`` stating the cost and the limit.
    func checkWorkLimits() throws(SettingsError) {
        let runs = 1 + remedies.count, steps = autopsyCase.configuration.steps, points = autopsyCase.data.xs.count
        let depth = autopsyCase.network.groupNames.count, mlp = autopsyCase.network as? MLPNetwork
        try WorkLimits.checkWork(WorkLimits.product([runs, steps, points, depth, mlp.map { $0.width * $0.width } ?? 10]), limit: Self.maxWork,
                                 what: "This autopsy (\(runs) runs × \(steps) steps × \(points) points × \(depth) layers\(mlp.map { " × \($0.width)²" } ?? ""))",
                                 unit: "operations", fix: "Lower \(setting: "steps"), \(setting: "depth"), \(setting: "points") or the number of \(setting: "remedies").")
        try WorkLimits.checkMemory(WorkLimits.product([runs, steps, 32 * depth + 200]),
                                   what: "The per-step records of \(runs) runs × \(steps) steps × \(depth) layers",
                                   fix: "Lower \(setting: "steps") or \(setting: "depth"), or replay fewer \(setting: "remedies").")
    }
}
