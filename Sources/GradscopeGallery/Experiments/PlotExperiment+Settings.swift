import GradscopeCore

extension PlotExperiment {
    /// What `gradscope plot` and `/api/curves` draw: a formula (nested or not), its parameters,
    /// the x grid, the depths, the precision and what rounding does past the format's largest value.
    ///
    /// Flags `'tanh(w*x)' --param w=8 --depth 3 --x -1:1 --points 201 --precision float32 --overflow saturate`;
    /// query `formula=tanh(w*x)&param.w=8&depths=1,2,3&x=-1:1&points=201&precision=float32&overflow=saturate`.
    public struct Settings: Sendable, Equatable {
        /// The layer formula, plain math or LaTeX; in a nested formula `x` is the previous layer's output.
        public var formula: String
        /// A different formula for layer 1 (S5: `sig(w*x)`); needs depths.
        public var firstLayer: String?
        public var parameters: [String: Double]
        public var x: ClosedRange<Double>
        public var points: Int
        /// The depths evaluated, in the document and the table; nil when the formula is not nested.
        public var depths: [Int]?
        /// The depths the charts and the summary show (a subset of ``depths``); nil shows
        /// ``DepthSelection/shown(upTo:)`` of the deepest.
        public var shownDepths: [Int]?
        public var precision: Precision
        /// Past the largest finite value: NaN/±Inf (the OCP rule) or ±max. Only float8_e4m3fn and
        /// float8_e5m2 differ; the formats without Inf and NaN always saturate, the wide ones overflow to ±Inf.
        public var overflow: OverflowRule

        public init(formula: String, firstLayer: String? = nil, parameters: [String: Double] = [:], x: ClosedRange<Double> = -1...1,
                    points: Int = 201, depths: [Int]? = nil, shownDepths: [Int]? = nil, precision: Precision = .float64,
                    overflow: OverflowRule = .nonfinite) {
            self.formula = formula
            self.firstLayer = firstLayer
            self.parameters = parameters
            self.x = x
            self.points = points
            self.depths = depths.map { Array(Set($0)).sorted() }
            self.shownDepths = shownDepths.map { Array(Set($0)).sorted() }
            self.precision = precision
            self.overflow = overflow
        }

        public static let pointCounts = 2...1_000_000
        public static let maximumDepth = 100_000
        /// points × deepest depth: the layer evaluations of one plot (about 13 s for the largest, in a release build).
        public static let maximumWork = 50_000_000
        /// What a run may hold in memory at once, in bytes.
        public static let memoryBudget = 1 << 30

        /// The depths the charts and the summary show.
        public var shown: [Int]? {
            guard let depths else { return nil }
            return shownDepths ?? DepthSelection.shown(upTo: depths.last!).filter(depths.contains).nonEmpty ?? depths
        }

        /// The evenly spaced grid with 0 in it whenever the range spans 0 (``SampleGrid``).
        public var xs: [Double] { SampleGrid.evenlySpaced(x, count: points) }

        /// The parsed formula.
        /// - Throws: ``SettingsError`` naming `formula` or `first-layer`, with the column of the problem.
        public func nestedFormula() throws(SettingsError) -> NestedFormula {
            let layer: Formula
            do { layer = try Formula(parsing: formula) } catch { throw SettingsError(setting: nil, error.description) }
            guard let firstLayer else { return NestedFormula(layer: layer) }
            do { return NestedFormula(layer: layer, firstLayer: try Formula(parsing: firstLayer)) } catch {
                throw SettingsError(setting: nil, "In the first layer: \(error.description)")
            }
        }

        /// Bytes held at once while the curves are computed and handed on one depth at a time:
        /// the running layer and one step (T ≤ 8 bytes per value, y, dy/dx and each ∂y/∂p), the
        /// evaluator's scratch (about 40 bytes per step and point), the widened curve being handed
        /// on, and the shown curves kept for the charts with their table rows (about 40 bytes a cell).
        public func streamingBytes(steps: Int, parameterCount: Int) -> Int {
            let perPoint = (2 + parameterCount) * 8
            let kept = shown?.count ?? 1
            let keptRow = perPoint + (4 + parameterCount) * 40 + 64
            return points.multipliedClamped(by: perPoint * 5 + 40 * max(steps, 1) + kept * keptRow + 8)
        }

        /// Bytes of the whole report: every depth's curves, and the table's rows of cells (about 40 bytes a cell).
        public func reportBytes(parameterCount: Int) -> Int {
            let rows = points.multipliedClamped(by: depths?.count ?? 1)
            return rows.multipliedClamped(by: (2 + parameterCount) * 8 + (4 + parameterCount) * 40 + 64)
        }

        /// - Throws: ``SettingsError`` for an empty formula, a bad range, too few or many points or
        ///   depths, a missing or misspelt parameter, or more work than ``maximumWork``.
        public func validate() throws(SettingsError) {
            guard !formula.allSatisfy(\.isWhitespace) else {
                throw SettingsError(setting: nil, "Missing formula. Give one in plain math or LaTeX, e.g. 'tanh(w*x)' with w = 8.")
            }
            try SettingsCheck.interval("x", x)
            try SettingsCheck.value("points", points, within: Self.pointCounts)
            if let depths {
                guard let deepest = depths.last, depths.first! >= 1, deepest <= Self.maximumDepth else {
                    throw SettingsError(setting: "depths", "must be depths between 1 and \(Self.maximumDepth), got \(depths.map(String.init).joined(separator: ",")).")
                }
                if let shownDepths, !shownDepths.allSatisfy(depths.contains) {
                    throw SettingsError(setting: "depths", "must include every shown depth, got \(shownDepths.map(String.init).joined(separator: ",")).")
                }
            } else if firstLayer != nil {
                throw SettingsError(setting: "first-layer", "needs a nested formula. Give depth or depths as well.")
            }
            for (name, value) in parameters where !value.isFinite {
                throw SettingsError(setting: "param", "takes finite values, got \(name)=\(value).")
            }
            let work = points.multipliedClamped(by: depths?.last ?? 1)
            guard work <= Self.maximumWork else {
                throw SettingsError(setting: nil, "That is \(work) evaluations (points × depth); the limit is \(Self.maximumWork). Lower the points or the depth.")
            }
            let nested = try nestedFormula()
            do {
                // Checks every layer's parameters up front (an empty grid costs nothing).
                _ = try nested.evaluate(at: [Double](), depths: [1], parameters: parameters)
            } catch {
                throw SettingsError(error)
            }
            let steps = max(nested.layer.stepCount, nested.firstLayer?.stepCount ?? 0)
            let bytes = streamingBytes(steps: steps, parameterCount: nested.parameters.count)
            guard bytes <= Self.memoryBudget else {
                throw SettingsError(setting: nil, "This plot would hold \(bytes >> 20) MB at once (\(points) points × \(steps) steps per layer); the limit is \(Self.memoryBudget >> 20) MB. Lower the points.")
            }
        }

        /// Reads `w=8` pairs, the later of a repeated name winning.
        /// - Throws: ``SettingsError`` naming `param` for text that is not NAME=VALUE with a finite number.
        public static func parameters(from pairs: [String]) throws(SettingsError) -> [String: Double] {
            var values: [String: Double] = [:]
            for text in pairs {
                let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]), value.isFinite else {
                    throw SettingsError(setting: "param", "takes NAME=VALUE with a finite number, e.g. w=8; got '\(text)'.")
                }
                values[parts[0]] = value
            }
            return values
        }

        /// Reads `1,5,50`: depths between 1 and ``maximumDepth``, sorted, without repeats.
        /// - Throws: ``SettingsError`` naming `depths`.
        public static func depths(from text: String) throws(SettingsError) -> [Int] {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let values = parts.compactMap { Int($0) }
            guard !parts.isEmpty, values.count == parts.count, values.allSatisfy({ (1...maximumDepth).contains($0) }) else {
                throw SettingsError(setting: "depths", "takes comma-separated depths between 1 and \(maximumDepth), e.g. 1,5,50; got '\(text)'.")
            }
            return Array(Set(values)).sorted()
        }
    }
}

extension Int {
    /// `self × other`, or `Int.max` when that overflows (both ≥ 0).
    func multipliedClamped(by other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }
}

extension Array {
    /// The array, or nil when it is empty.
    var nonEmpty: Self? { isEmpty ? nil : self }
}
