import GradscopeCore

extension FormulaCurves {
    /// The CSV of `/api/view/layers.csv` for a typed formula: depth, x, y, dydx and d_<param> for each parameter.
    public var csv: String {
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
