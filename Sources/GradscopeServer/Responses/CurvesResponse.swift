import Hummingbird
import GradscopeCore
import GradscopeGallery

/// `/api/curves`: a ``FormulaCurves`` value, encoded exactly as `gradscope plot --format json` writes it.
struct CurvesResponse: ResponseCodable {
    var curves: FormulaCurves

    init(_ curves: FormulaCurves) { self.curves = curves }

    init(from decoder: any Decoder) throws {
        curves = try FormulaCurves(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try curves.encode(to: encoder)
    }
}

extension FormulaCurves {
    /// The CSV of `gradscope plot`: depth, x, y, dydx and d_<param> for each parameter.
    var csv: String {
        let names = curves.first.map { $0.parameterGradients.keys.sorted() } ?? []
        var lines = [(["depth", "x", "y", "dydx"] + names.map { "d_\($0)" }).joined(separator: ",")]
        lines.reserveCapacity(curves.count * x.count + 1)
        for curve in curves {
            let depth = curve.depth.map(String.init) ?? ""
            for i in x.indices {
                let cells = [x[i], curve.y[i], curve.dydx[i]] + names.map { curve.parameterGradients[$0]![i] }
                lines.append(([depth] + cells.map { CSVNumber.text($0) }).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
