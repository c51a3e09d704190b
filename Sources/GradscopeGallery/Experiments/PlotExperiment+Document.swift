import GradscopeCore

extension PlotExperiment {
    /// `--format json` and `/api/curves`: the formula, the settings that shaped the numbers, the grid
    /// and one curve per depth (y, dy/dx and ∂y/∂p, widened exactly to Double from the precision).
    /// Decodes as ``FormulaCurves`` too (the `overflow` key is extra).
    public struct Document: Codable, Sendable {
        /// The layer formula in canonical plain math.
        public var formula: String
        /// The first layer's formula, when it differs.
        public var firstLayer: String?
        public var precision: Precision
        public var overflow: OverflowRule
        public var parameters: [String: Double]
        /// The grid of x, rounded to the precision.
        public var x: [Double]
        /// One per depth, ascending (one with no depth when the formula is not nested).
        public var curves: [FormulaCurves.Curve]

        init(settings: Settings, x: [Double], curves: [FormulaCurves.Curve]) {
            let formula = try! settings.nestedFormula()
            self.formula = formula.layer.description
            firstLayer = formula.firstLayer?.description
            precision = settings.precision
            overflow = settings.overflow
            parameters = settings.parameters
            self.x = x
            self.curves = curves
            parameterNames = formula.parameters
            isNested = settings.depths != nil
        }

        private enum CodingKeys: String, CodingKey {
            case formula, firstLayer, precision, overflow, parameters, x, curves
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            formula = try container.decode(String.self, forKey: .formula)
            firstLayer = try container.decodeIfPresent(String.self, forKey: .firstLayer)
            precision = try container.decode(Precision.self, forKey: .precision)
            overflow = try container.decode(OverflowRule.self, forKey: .overflow)
            parameters = try container.decode([String: Double].self, forKey: .parameters)
            x = try container.decode([Double].self, forKey: .x)
            curves = try container.decode([FormulaCurves.Curve].self, forKey: .curves)
            parameterNames = curves.first.map { $0.parameterGradients.keys.sorted() } ?? []
            isNested = curves.first?.depth != nil
        }

        /// The parameters with a gradient column, sorted.
        let parameterNames: [String]
        /// Whether the CSV has a depth column.
        let isNested: Bool

        /// `depth` (nested only), `x`, `y`, `dydx` and `d_<param>` for each parameter.
        public var columns: [String] {
            (isNested ? ["depth"] : []) + ["x", "y", "dydx"] + parameterNames.map { "d_\($0)" }
        }

        func appendRows(of curve: FormulaCurves.Curve, to table: inout DataTable) {
            let gradients = parameterNames.map { curve.parameterGradients[$0]! }
            let depth: [DataTable.Cell] = isNested ? [.text(curve.depth.map(String.init) ?? "")] : []
            for i in x.indices {
                table.rows.append(depth + [.number(x[i]), .number(curve.y[i]), .number(curve.dydx[i])] + gradients.map { .number($0[i]) })
            }
        }

        // MARK: Streaming text, byte for byte the report's

        /// The CSV header line, as ``DataTable/csv`` writes it.
        public var csvHeader: String { columns.joined(separator: ",") + "\n" }

        /// One curve's CSV lines, as ``DataTable/csv`` writes them.
        public func csvLines(of curve: FormulaCurves.Curve) -> String {
            let gradients = parameterNames.map { curve.parameterGradients[$0]! }
            let depth = isNested ? (curve.depth.map(String.init) ?? "") + "," : ""
            var text = ""
            text.reserveCapacity(x.count * 24 * (3 + gradients.count))
            for i in x.indices {
                text += depth + CSVNumber.text(x[i]) + "," + CSVNumber.text(curve.y[i]) + "," + CSVNumber.text(curve.dydx[i])
                for gradient in gradients { text += "," + CSVNumber.text(gradient[i]) }
                text += "\n"
            }
            return text
        }

        /// The JSON document around the curves, split where the curves go: `head`, then each curve's
        /// ``jsonCurve(_:first:)``, then `tail` give exactly ``ExperimentJSON/encode(_:)`` of the whole.
        public func jsonFrame() throws -> (head: String, tail: String) {
            var empty = self
            empty.curves = []
            let text = try ExperimentJSON.encode(empty)
            guard let range = text.range(of: "\n  \"curves\" : [\n\n  ]") ?? text.range(of: "\n  \"curves\" : []") else {
                preconditionFailure("The JSON encoder wrote the empty curves in an unexpected shape.")
            }
            return (String(text[..<range.lowerBound]) + "\n  \"curves\" : [", "\n  ]" + String(text[range.upperBound...]))
        }

        /// One curve as it sits in the document's `curves` array (a comma before every curve but the first).
        public func jsonCurve(_ curve: FormulaCurves.Curve, first: Bool) throws -> String {
            // Encoded at the depth it sits in the document, then cut out of its one-element array.
            let text = try ExperimentJSON.encode(["curves": [curve]])
            let head = "{\n  \"curves\" : [\n", tail = "\n  ]\n}\n"
            precondition(text.hasPrefix(head) && text.hasSuffix(tail), "The JSON encoder wrote a curve in an unexpected shape.")
            return (first ? "\n" : ",\n") + text.dropFirst(head.count).dropLast(tail.count)
        }
    }
}
