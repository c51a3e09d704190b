import GradscopeGallery

/// `/api/chain`, `.svg`, `.csv`: ``ChainExperiment`` — the per-layer table of a single-unit chain traced
/// at x = `at`, and its per-layer gradient chart. The query parameters are `gradscope chain`'s flags
/// without the dashes (`first-weight=`, `overflow=saturate`); ``ChainExperiment/Settings`` says what they
/// mean (`bias` is every layer's, layer 1's too unless `first-bias` is given).
enum ChainQuery: ExperimentQuery {
    /// The chain's own parameters, shared with `/api/overflow`.
    static let chainParameterNames: Set<String> = ["activation", "weight", "bias", "first-weight", "first-bias", "at"]

    static let parameterNames = chainParameterNames.union(["depth", "precision", "overflow"])

    static func experiment(_ query: QueryReader) throws -> ChainExperiment {
        let defaults = ChainExperiment.Settings()
        var settings = try chain(query)
        settings.depth = try query.integer("depth", in: Limits.depth, default: defaults.depth)
        settings.precision = try query.choice("precision", default: defaults.precision)
        settings.overflow = try query.choice("overflow", default: defaults.overflow)
        return try ChainExperiment(settings: settings)
    }

    /// The chain of the query (`activation`, `weight`, `bias`, `first-weight`, `first-bias`, `at`) with the
    /// CLI's defaults, each value as given: depth and precision are left at theirs.
    static func chain(_ query: QueryReader) throws -> ChainExperiment.Settings {
        var settings = ChainExperiment.Settings()
        settings.activation = try query.activation("activation", default: settings.activation)
        settings.weight = try query.number("weight", default: settings.weight)
        if let text = query.text("bias") {
            // A number keeps the query's plain-decimal syntax; an expression in w is the Gallery's to read.
            settings.bias = Double(text) != nil ? try QueryReader.number(text, name: "bias")
                : try ChainExperiment.Settings.bias(from: text, weight: settings.weight)
            guard settings.bias.magnitude <= Limits.magnitude else {
                throw APIError.outOfRange("bias", "a finite number between -1e6 and 1e6, or an expression in w such as -w/2", got: text)
            }
        }
        if query.text("first-weight") != nil { settings.firstWeight = try query.number("first-weight", default: 0) }
        if query.text("first-bias") != nil { settings.firstBias = try query.number("first-bias", default: 0) }
        settings.input = try query.number("at", default: settings.input)
        return settings
    }
}
