import GradscopeGallery

/// The query of `/api/curves` and `/api/view` as the Gallery's ``ExplorerSettings``, within one
/// request's budget (``Limits``): `gradscope plot`'s flags without the dashes (`formula`, `first`,
/// `param.NAME`, `depth`, `depths`, `x`, `points`, `precision`, `overflow`) plus the chain controls.
enum CurvesSettings {
    static let parameterNames: Set<String> = ChainControls.parameterNames.union(
        ["formula", "first", "depth", "depths", "x", "points", "precision", "overflow"])
    static let parameterPrefixes = ["param."]

    static func read(_ query: QueryReader) throws(APIError) -> ExplorerSettings {
        let chain = try ChainControls(query)
        let depths = try query.integerList("depths", in: 1...Limits.depth.upperBound, count: Limits.shownDepths)
        // As `gradscope plot --depths 1,5,10`: without a depth, the deepest shown one.
        let depth = try query.integer("depth", in: Limits.depth, default: depths?.last ?? 3)
        let points = try query.integer("points", in: Limits.points, default: 1000)
        guard points * depth <= Limits.work else {
            throw APIError("points × depth must be at most \(Limits.work), got \(points) × \(depth) = \(points * depth). Lower points or depth.",
                           parameter: "points")
        }
        if let depths, depths.last! > depth {
            throw .outOfRange("depths", "depths between 1 and depth = \(depth)", got: query.text("depths")!)
        }
        let formula = query.text("formula")
        var given: [String: Double] = [:]
        if formula == nil {
            guard query.text("first") == nil, query.prefixed("param.").isEmpty else {
                throw APIError("first and param.NAME need a formula. Add formula=… or remove them.", parameter: "formula")
            }
        } else {
            let texts = query.prefixed("param.")
            guard texts.count <= Limits.formulaParameters else {
                throw APIError("At most \(Limits.formulaParameters) param.NAME values are allowed, got \(texts.count).", parameter: "param.")
            }
            for (name, text) in texts where !["x", "e", "pi"].contains(name) { given[name] = try QueryReader.number(text, name: "param.\(name)") }
            for name in texts.keys where ["x", "e", "pi"].contains(name) { given[name] = 0 }
        }
        let settings: ExplorerSettings
        do {
            settings = try ExplorerSettings(chain: chain, formula: formula, first: query.text("first"), given: given, depth: depth, depths: depths,
                                            x: try query.interval("x", default: -1...1), points: points,
                                            precision: try query.choice("precision", default: .float64),
                                            overflow: try query.choice("overflow", default: .nonfinite))
        } catch let problem as ExplorerSettings.Problem {
            throw APIError(problem.message, parameter: problem.setting, column: problem.column)
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError("\(error)")
        }
        let operations = settings.operationCount
        guard points * depth * operations <= Limits.operations else {
            throw APIError("The formula has \(operations) operations per layer; points × depth × operations must be at most \(Limits.operations), got \(points) × \(depth) × \(operations) = \(points * depth * operations). Lower points or depth.",
                           parameter: "points")
        }
        return settings
    }
}
