import GradscopeGallery

/// `/api/overflow`, `.svg`, `.csv`: ``OverflowExperiment`` — at which depth the chain's gradients at
/// x = `at` overflow or underflow each format, predicted and observed. The query parameters are
/// `gradscope overflow`'s flags without the dashes (`max-depth=`, `narrow=true`, `overflow=saturate`);
/// `depth=` is read as `max-depth=`, up to 10000.
enum OverflowQuery: ExperimentQuery {
    static let parameterNames = ChainQuery.chainParameterNames.union(["max-depth", "depth", "precision", "narrow", "overflow"])

    static func experiment(_ query: QueryReader) throws -> OverflowExperiment {
        let defaults = OverflowExperiment.Settings()
        if query.text("max-depth") != nil, query.text("depth") != nil {
            throw APIError("Give max-depth or depth, not both (depth is another name for max-depth).", parameter: "depth")
        }
        let depthName = query.text("depth") != nil ? "depth" : "max-depth"
        let narrow = try query.choice("narrow", default: Switch.false) == .true
        let precision = query.text("precision") == nil ? nil : try query.choice("precision", default: defaults.precisions[0])
        return try OverflowExperiment(settings: OverflowExperiment.Settings(
            chain: try ChainQuery.chain(query),
            maxDepth: try query.integer(depthName, in: Limits.overflowDepth, default: defaults.maxDepth),
            precisions: OverflowExperiment.Settings.precisions(only: precision, narrow: narrow),
            overflow: try query.choice("overflow", default: defaults.overflow)))
    }
}

/// A query's `true`/`false` (`narrow=true`).
enum Switch: String, CaseIterable { case `true`, `false` }
