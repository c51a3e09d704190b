import Foundation

/// Named columns of numbers, or of text: a figure's table and its data files.
///
/// CSV headers are snake_case; JSON is a list of objects with camelCase keys
/// (the column names converted), non-finite numbers as ``ExperimentJSON`` spells them: "Infinity", "-Infinity", "NaN".
/// People read `headers` instead, in the terminal and the report: `x > 0`, `y(−1)`, `σ_w²`.
public struct DataTable: Sendable, Equatable {
    /// A cell: a number or a piece of text.
    public enum Cell: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
        case number(Double), text(String)
        public init(floatLiteral value: Double) { self = .number(value) }
        public init(integerLiteral value: Int) { self = .number(Double(value)) }
        public init(stringLiteral value: String) { self = .text(value) }
    }

    /// snake_case column names: the CSV header and, in camelCase, the JSON keys.
    public var columns: [String]
    /// The column titles a person reads (terminal and report tables), one per column.
    public var headers: [String]
    public var rows: [[Cell]]

    /// - Parameter headers: titles for people, one per column; nil spells each column name with spaces.
    public init(columns: [String], headers: [String]? = nil, rows: [[Cell]] = []) {
        precondition(headers == nil || headers!.count == columns.count, "A table needs one header per column.")
        self.columns = columns
        self.headers = headers ?? columns.map { $0.replacingOccurrences(of: "_", with: " ") }
        self.rows = rows
    }

    public mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "A row needs one cell per column.")
        rows.append(row)
    }

    /// The numbers of a column (NaN for text cells).
    public func numbers(_ column: String) -> [Double] {
        guard let c = columns.firstIndex(of: column) else { return [] }
        return rows.map { if case .number(let v) = $0[c] { v } else { .nan } }
    }

    /// Header and rows; numbers in their shortest round-trip form (`inf`, `nan`).
    public var csv: String {
        ([columns.joined(separator: ",")] + rows.map { $0.map(Self.csvText).joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    /// A JSON array of objects keyed by the camelCase column names.
    public var json: String {
        let keys = columns.map(Self.camelCase)
        let objects = rows.map { row in
            "{" + zip(keys, row).map { "\"\($0)\": \(Self.jsonText($1))" }.joined(separator: ", ") + "}"
        }
        return "[\n  " + objects.joined(separator: ",\n  ") + "\n]\n"
    }

    static func csvText(_ cell: Cell) -> String {
        switch cell {
        case .number(let v): CSVNumber.text(v)
        case .text(let t): t.contains(",") || t.contains("\"") ? "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : t
        }
    }

    static func jsonText(_ cell: Cell) -> String {
        switch cell {
        case .number(let v):
            guard v.isFinite else { return "\"" + (v.isNaN ? ExperimentJSON.notANumber : v > 0 ? ExperimentJSON.positiveInfinity : ExperimentJSON.negativeInfinity) + "\"" }
            return "\(v)"
        case .text(let t):
            let data = try! JSONEncoder().encode(t)
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// `dy_dx` → `dyDx`, `predicted_overflow_depth` → `predictedOverflowDepth`.
    static func camelCase(_ name: String) -> String {
        let parts = name.split(separator: "_")
        return parts.enumerated().map { $0 == 0 ? String($1) : $1.prefix(1).uppercased() + $1.dropFirst() }.joined()
    }
}
