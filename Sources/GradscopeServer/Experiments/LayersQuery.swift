import GradscopeGallery

/// `/api/layers`, `.svg`, `.csv`: ``LayersExperiment`` — per-layer statistics and histograms of random wide
/// networks beside the mean-field prediction. The query parameters are `gradscope layers`' flags without
/// the dashes (`width=`, `init=`, `sigma-w2=`…). (The explorer's per-layer chart is `/api/view/layers.svg`.)
enum LayersQuery: ExperimentQuery {
    static let parameterNames: Set<String> = ["width", "depth", "activation", "init", "sigma-w2", "sigma-b2", "batch", "seeds", "seed"]

    static func experiment(_ query: QueryReader) throws -> LayersExperiment {
        let defaults = LayersExperiment.Settings()
        let seed: UInt64
        if let text = query.text("seed") {
            guard let value = UInt64(text) else {
                throw APIError.outOfRange("seed", "an integer between 0 and \(UInt64.max)", got: text)
            }
            seed = value
        } else {
            seed = defaults.seed
        }
        return try LayersExperiment(settings: LayersExperiment.Settings(
            width: try query.integer("width", in: LayersExperiment.Settings.widths, default: defaults.width),
            depth: try query.integer("depth", in: LayersExperiment.Settings.depths, default: defaults.depth),
            activation: try query.activation("activation", default: defaults.activation),
            initialization: query.text("init") ?? defaults.initialization,
            sigmaW2: query.text("sigma-w2") == nil ? nil : try query.number("sigma-w2", default: 1),
            sigmaB2: try query.number("sigma-b2", default: defaults.sigmaB2),
            batch: try query.integer("batch", in: LayersExperiment.Settings.batches, default: defaults.batch),
            seeds: try query.integer("seeds", in: LayersExperiment.Settings.seedCounts, default: defaults.seeds),
            seed: seed))
    }
}
