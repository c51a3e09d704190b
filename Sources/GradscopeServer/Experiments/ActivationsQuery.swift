import GradscopeGallery

/// `/api/activations`, `.svg`, `.csv`: ``ActivationsExperiment`` — each activation and its derivative over
/// a range of x. The query parameters are `gradscope activations`' flags without the dashes.
enum ActivationsQuery: ExperimentQuery {
    static let parameterNames: Set<String> = ["activations", "x", "points", "precision"]

    static func experiment(_ query: QueryReader) throws -> ActivationsExperiment {
        let defaults = ActivationsExperiment.Settings()
        return try ActivationsExperiment(settings: ActivationsExperiment.Settings(
            activations: try query.text("activations").map(ActivationsExperiment.Settings.activations(from:)) ?? defaults.activations,
            x: try query.interval("x", default: defaults.x),
            points: try query.integer("points", in: Limits.points, default: defaults.points),
            precision: try query.choice("precision", default: defaults.precision)))
    }
}
