/// A JSON value written in the peers' format (Python's `json.dumps`), keys in insertion order.
enum BenchJSON {
    case int(Int)
    case number(Double)
    case string(String)
    case bool(Bool)
    case array([BenchJSON])
    case object([(String, BenchJSON)])

    /// One line of JSON; non-finite numbers as Python writes them (`Infinity`, `NaN`).
    var text: String {
        switch self {
        case .int(let value): String(value)
        case .number(let value):
            value.isNaN ? "NaN" : value.isInfinite ? (value > 0 ? "Infinity" : "-Infinity") : "\(value)"
        case .string(let value): "\"" + value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .bool(let value): value ? "true" : "false"
        case .array(let values): "[" + values.map(\.text).joined(separator: ", ") + "]"
        case .object(let fields): "{" + fields.map { BenchJSON.string($0.0).text + ": " + $0.1.text }
            .joined(separator: ", ") + "}"
        }
    }
}
