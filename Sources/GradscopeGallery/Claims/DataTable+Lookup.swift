import GradscopeCharts

extension DataTable {
    /// The number in `column` of the first row whose `key` column reads `value` (as text or number); NaN if absent.
    func number(_ column: String, where key: String, is value: String) -> Double {
        guard let row = row(where: key, is: value), let c = columns.firstIndex(of: column),
              case .number(let v) = row[c] else { return .nan }
        return v
    }

    /// The text in `column` of that row, numbers written short; "" if absent.
    func text(_ column: String, where key: String, is value: String) -> String {
        guard let row = row(where: key, is: value), let c = columns.firstIndex(of: column) else { return "" }
        switch row[c] {
        case .text(let t): return t
        case .number(let v): return NumberText.caption(v)
        }
    }

    private func row(where key: String, is value: String) -> [Cell]? {
        guard let k = columns.firstIndex(of: key) else { return nil }
        return rows.first { row in
            switch row[k] {
            case .text(let t): t == value
            case .number(let v): NumberText.caption(v) == value
            }
        }
    }
}
