import CSQLiteGuard
import Foundation
import GRDB

extension TraceFile {
    /// The most `stats` rows a trace may hold (about 120 bytes each in memory).
    public static let recordLimit = 4_000_000

    /// Reads a trace as hostile input: read-only, query-only, untrusted schema, defensive mode, an
    /// integrity check first; it never writes to the file and never checkpoints its write-ahead log,
    /// so a probe may still be writing it.
    ///
    /// - Throws: ``TraceError`` in one line for a missing file, a file that is not SQLite, a corrupt
    ///   or truncated one, a foreign schema, a newer schema version, or a value out of its range.
    public init(contentsOf path: String) throws(TraceError) {
        let name = "'\(path)'"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw TraceError("\(name) does not exist. Give the path of a trace written by gradscope_probe.")
        }
        guard !isFolder.boolValue else {
            throw TraceError("\(name) is a folder. Give the path of a trace file (.gstrace).")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            gradscope_sqlite_harden(db.sqliteConnection)
            try db.execute(sql: "PRAGMA query_only = ON")
            try db.execute(sql: "PRAGMA trusted_schema = OFF")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            self = try queue.read { db in try TraceFile.read(db, path: path) }
            try? queue.close()
        } catch let error as TraceError {
            throw error
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB:
                throw TraceError("\(name) is not an SQLite database, so not a trace. Give the file gradscope_probe wrote.")
            case .SQLITE_CORRUPT:
                throw TraceError("\(name) is corrupt or truncated (SQLite: \(error.message ?? "malformed")). Record the run again.")
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
                throw TraceError("Cannot open \(name) (SQLite: \(error.message ?? "cannot open")). Check that it is readable.")
            default:
                throw TraceError("Cannot read \(name) (SQLite: \(error.message ?? "\(error.resultCode)")). Record the run again.")
            }
        } catch {
            throw TraceError("Cannot read \(name): \(error). Record the run again.")
        }
    }

    private static let requiredColumns: [String: [String]] = [
        "meta": ["key", "value"],
        "modules": ["id", "name", "type", "is_leaf"],
        "parameters": ["id", "name", "module_id", "shape", "dtype"],
        "steps": ["step", "loss", "loss_class", "grad_norm", "grad_norm_class", "scale", "skipped", "full", "wall_seconds"],
        "learning_rates": ["step", "group_index", "lr"],
        "stats": ["step", "seq", "pass", "kind", "module_id", "call_index", "param_id", "operation", "operand", "dtype",
                  "n", "nan", "pos_inf", "neg_inf", "zeros", "absmax", "absmin", "mean", "rms", "f16_subnormal", "hist"],
    ]

    private static func read(_ db: Database, path: String) throws -> TraceFile {
        let name = "'\(path)'"
        let check = try String.fetchAll(db, sql: "PRAGMA integrity_check(1)")
        guard check == ["ok"] else {
            throw TraceError("\(name) is corrupt or truncated (SQLite's integrity check: \((check.first ?? "no answer").split(whereSeparator: \.isNewline).joined(separator: " "))). Record the run again.")
        }
        // The schema: every table and column of version 1, before any value is read.
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table'"))
        for (table, columns) in requiredColumns.sorted(by: { $0.key < $1.key }) {
            guard tables.contains(table) else {
                let found = tables.sorted().prefix(5).joined(separator: ", ")
                throw TraceError("\(name) is not a Gradscope trace: it has no table '\(table)' (it has \(found.isEmpty ? "no tables" : found)). Record the run with gradscope_probe.")
            }
            let present = Set(try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]).compactMap { String.fromDatabaseValue($0[0]) })
            if let missing = columns.first(where: { !present.contains($0) }) {
                throw TraceError("\(name) is not a Gradscope trace: table '\(table)' has no column '\(missing)'. Record the run with gradscope_probe.")
            }
        }
        var meta: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta LIMIT 1000") {
            if let key = String.fromDatabaseValue(row[0]), let value = String.fromDatabaseValue(row[1]) { meta[key] = value }
        }
        guard meta["format"] == "gradscope-trace" else {
            throw TraceError("\(name) is not a Gradscope trace: meta.format is \(meta["format"].map { "'\($0)'" } ?? "missing"). Record the run with gradscope_probe.")
        }
        guard let versionText = meta["schema_version"], let version = Int(versionText), version >= 1 else {
            throw TraceError("\(name) has no valid meta.schema_version (\(meta["schema_version"] ?? "missing")). Record the run with gradscope_probe.")
        }
        guard version <= schemaVersion else {
            throw TraceError("\(name) has trace schema version \(version); this gradscope reads version \(schemaVersion). Update gradscope.")
        }
        var cells = Cells(name: name)
        let modules = try Row.fetchAll(db, sql: "SELECT id, name, type, is_leaf FROM modules ORDER BY id LIMIT 1000001").map { row in
            cells.table = "modules"
            return TraceModule(id: try cells.int(row, 0), name: try cells.text(row, 1), type: try cells.text(row, 2), isLeaf: try cells.int(row, 3) != 0)
        }
        let parameters = try Row.fetchAll(db, sql: "SELECT id, name, module_id, shape, dtype FROM parameters ORDER BY id LIMIT 1000001").map { row in
            cells.table = "parameters"
            return TraceParameter(id: try cells.int(row, 0), name: try cells.text(row, 1), moduleID: try cells.int(row, 2),
                                  shape: try cells.text(row, 3), dtype: try cells.text(row, 4))
        }
        var rates: [Int: [Double]] = [:]
        cells.table = "learning_rates"
        for row in try Row.fetchAll(db, sql: "SELECT step, lr FROM learning_rates ORDER BY step, group_index LIMIT 10000000") {
            rates[try cells.int(row, 0), default: []].append(try cells.real(row, 1))
        }
        cells.table = "steps"
        let steps = try Row.fetchAll(db, sql: """
            SELECT step, loss, loss_class, grad_norm, grad_norm_class, scale, skipped, full, wall_seconds FROM steps ORDER BY step
            """).map { row in
            let step = try cells.int(row, 0)
            return TraceStep(step: step, loss: try cells.classified(row, value: 1, class: 2),
                             gradientNorm: try cells.classified(row, value: 3, class: 4), scale: try cells.optionalReal(row, 5),
                             skipped: try cells.int(row, 6) != 0, full: try cells.int(row, 7) != 0,
                             wallSeconds: try cells.real(row, 8), learningRates: rates[step] ?? [])
        }
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM stats") ?? 0
        guard count <= recordLimit else {
            throw TraceError("\(name) holds \(count) statistics rows; at most \(recordLimit) are read. Record with every=k to keep fewer.")
        }
        cells.table = "stats"
        var records: [TraceRecord] = []
        records.reserveCapacity(count)
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT step, seq, pass, kind, module_id, call_index, param_id, operation, operand, dtype,
                   n, nan, pos_inf, neg_inf, zeros, absmax, absmin, mean, rms, f16_subnormal FROM stats ORDER BY step, seq
            """)
        while let row = try cursor.next() {
            records.append(try cells.record(row))
        }
        let firstBadStep = records.first { !$0.statistics.isFinite }?.step
            ?? steps.first { step in [step.loss, step.gradientNorm].contains { $0.map { !$0.isFinite } ?? false } }?.step
        var histograms: [HistogramKey: ExponentHistogram] = [:]
        let histogramRows = try Row.fetchCursor(db, sql: """
            SELECT kind, module_id, param_id, hist, step, seq FROM stats
            WHERE hist IS NOT NULL AND step < ? AND kind IN ('output', 'grad_output', 'grad_input', 'param_grad')
            """, arguments: [firstBadStep ?? Int.max])
        while let row = try histogramRows.next() {
            let key = HistogramKey(kind: try cells.kind(row, 0), moduleID: try cells.optionalInt(row, 1), parameterID: try cells.optionalInt(row, 2))
            let histogram = try cells.histogram(row, 3, at: "step \(try cells.int(row, 4)), seq \(try cells.int(row, 5))")
            histograms[key] = histograms[key].map { $0 + histogram } ?? histogram
        }
        return TraceFile(path: path, meta: meta, modules: modules, parameters: parameters, steps: steps,
                         records: records, healthyHistograms: histograms)
    }
}

/// Typed, checked reads of hostile cells: a wrong type or an out-of-range value is a ``TraceError``.
private struct Cells {
    var name: String
    var table = ""

    func fail(_ row: Row, _ index: Int, _ what: String) -> TraceError {
        TraceError("\(name) is damaged: table '\(table)', column '\(Array(row.columnNames).indices.contains(index) ? Array(row.columnNames)[index] : "\(index)")' \(what). Record the run again.")
    }

    func optionalInt(_ row: Row, _ i: Int) throws(TraceError) -> Int? {
        switch (row[i] as DatabaseValue).storage {
        case .null: return nil
        case .int64(let v): return Int(v)
        default: throw fail(row, i, "holds a non-integer")
        }
    }

    func int(_ row: Row, _ i: Int) throws(TraceError) -> Int {
        guard let v = try optionalInt(row, i) else { throw fail(row, i, "is NULL") }
        return v
    }

    func count(_ row: Row, _ i: Int, atMost n: Int) throws(TraceError) -> Int {
        let v = try int(row, i)
        guard v >= 0, v <= n else { throw fail(row, i, "holds \(v), outside 0…\(n)") }
        return v
    }

    func optionalReal(_ row: Row, _ i: Int) throws(TraceError) -> Double? {
        switch (row[i] as DatabaseValue).storage {
        case .null: return nil
        case .int64(let v): return Double(v)
        case .double(let v): return v
        default: throw fail(row, i, "holds a non-number")
        }
    }

    func real(_ row: Row, _ i: Int) throws(TraceError) -> Double {
        guard let v = try optionalReal(row, i) else { throw fail(row, i, "is NULL") }
        return v
    }

    func optionalText(_ row: Row, _ i: Int) throws(TraceError) -> String? {
        switch (row[i] as DatabaseValue).storage {
        case .null: return nil
        case .string(let s): return String(s.prefix(1000))
        default: throw fail(row, i, "holds a non-text value")
        }
    }

    func text(_ row: Row, _ i: Int) throws(TraceError) -> String {
        guard let v = try optionalText(row, i) else { throw fail(row, i, "is NULL") }
        return v
    }

    /// A value column with its `*_class` companion: 'finite' | 'nan' | '+inf' | '-inf' | NULL.
    func classified(_ row: Row, value: Int, class column: Int) throws(TraceError) -> Double? {
        switch try optionalText(row, column) {
        case nil: return nil
        case "nan": return .nan
        case "+inf": return .infinity
        case "-inf": return -.infinity
        case "finite":
            guard let v = try optionalReal(row, value), v.isFinite else { throw fail(row, value, "is not a finite number though its class is 'finite'") }
            return v
        case let other?: throw fail(row, column, "holds '\(other)', not finite, nan, +inf or -inf")
        }
    }

    func kind(_ row: Row, _ i: Int) throws(TraceError) -> TraceRecord.Kind {
        let text = try text(row, i)
        guard let kind = TraceRecord.Kind(rawValue: text) else { throw fail(row, i, "holds the unknown kind '\(text)'") }
        return kind
    }

    func record(_ row: Row) throws(TraceError) -> TraceRecord {
        let passText = try text(row, 2)
        guard let pass = TraceRecord.Pass(rawValue: passText) else { throw fail(row, 2, "holds the unknown pass '\(passText)'") }
        let n = try int(row, 10)
        guard n >= 0 else { throw fail(row, 10, "holds a negative element count") }
        let absMax = try real(row, 15)
        guard absMax.isFinite, absMax >= 0 else { throw fail(row, 15, "holds \(absMax), not a finite magnitude") }
        let statistics = TraceStatistics(
            count: n, nan: try count(row, 11, atMost: n), positiveInfinities: try count(row, 12, atMost: n),
            negativeInfinities: try count(row, 13, atMost: n), zeros: try count(row, 14, atMost: n), absMax: absMax,
            absMin: try optionalReal(row, 16), mean: try optionalReal(row, 17), rms: try optionalReal(row, 18),
            float16Subnormals: try optionalInt(row, 19))
        guard statistics.nonFinite + statistics.zeros <= n else { throw fail(row, 11, "counts more values than the tensor has (\(n))") }
        return TraceRecord(step: try int(row, 0), sequence: try int(row, 1), pass: pass, kind: try kind(row, 3),
                           moduleID: try optionalInt(row, 4), callIndex: try count(row, 5, atMost: Int(Int32.max)),
                           parameterID: try optionalInt(row, 6), operation: try optionalText(row, 7), operand: try optionalInt(row, 8),
                           dtype: try text(row, 9), statistics: statistics)
    }

    func histogram(_ row: Row, _ i: Int, at place: String) throws(TraceError) -> ExponentHistogram {
        guard case .blob(let data) = (row[i] as DatabaseValue).storage else { throw fail(row, i, "at \(place) is not a blob") }
        let expected = ExponentHistogram.binCount * 8
        guard data.count == expected else { throw fail(row, i, "at \(place) has \(data.count) bytes, not \(expected)") }
        var counts = [Int64](repeating: 0, count: ExponentHistogram.binCount)
        for b in 0..<ExponentHistogram.binCount {
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(data[data.startIndex + b * 8 + k]) << (8 * k) }
            let count = Int64(bitPattern: v)
            guard count >= 0 else { throw fail(row, i, "at \(place) holds a negative count") }
            counts[b] = count
        }
        return ExponentHistogram(counts: counts)
    }
}
