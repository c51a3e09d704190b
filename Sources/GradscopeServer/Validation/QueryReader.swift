import Foundation
import Hummingbird
import GradscopeGallery

/// A request's query string, decoded as an HTML form does (`+` is a space, `%XX` a byte),
/// with typed readers that turn every bad value into a 400 ``APIError`` naming the parameter
/// and the allowed range.
///
/// Unknown names, repeated names, garbled percent escapes and over-long values are refused
/// up front, so a typo (`dept=5`) is an error rather than a silently ignored default.
///
/// ```swift
/// let query = try QueryReader(request, allowed: ["depth", "x"])
/// let depth = try query.integer("depth", in: Limits.depth, default: 3)
/// ```
struct QueryReader: Sendable {
    /// The decoded values by name.
    private(set) var values: [String: String] = [:]

    /// Reads `request`'s query, accepting only `allowed` names and names starting with one of `prefixes`.
    init(_ request: Request, allowed: Set<String>, prefixes: [String] = []) throws(APIError) {
        try self.init(query: request.uri.query ?? "", allowed: allowed, prefixes: prefixes)
    }

    init(query: String, allowed: Set<String>, prefixes: [String] = []) throws(APIError) {
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), !name.isEmpty else {
                throw APIError("The query has a garbled parameter name '\(APIError.quoted(String(parts[0])))'. Percent-encode names and values (%XX).")
            }
            guard allowed.contains(name) || prefixes.contains(where: { name.hasPrefix($0) && name.count > $0.count }) else {
                throw Self.unknown(name, allowed: allowed, prefixes: prefixes)
            }
            guard let value = Self.decode(parts.count == 2 ? parts[1] : "") else {
                throw APIError("\(name) has a garbled percent escape. Encode the value with encodeURIComponent (%XX for each byte).", parameter: name)
            }
            guard values[name] == nil else {
                throw APIError("\(name) is given more than once. Give each parameter once.", parameter: name)
            }
            let limit = name == "formula" || name == "first" ? Limits.formulaLength : Limits.valueLength
            guard value.count <= limit else {
                throw APIError("\(name) must be at most \(limit) characters, got \(value.count).", parameter: name)
            }
            values[name] = value
        }
    }

    /// `+` as space, then percent escapes as UTF-8; nil when an escape is garbled or not UTF-8.
    static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    static func unknown(_ name: String, allowed: Set<String>, prefixes: [String]) -> APIError {
        let known = allowed.sorted() + prefixes.map { "\($0)NAME" }
        let suggestion = SettingsVocabulary.closestName(to: name, among: allowed).map { " Did you mean '\($0)'?" } ?? ""
        return APIError("Unknown parameter '\(name.prefix(40))'.\(suggestion) This endpoint takes: \(known.joined(separator: ", ")).",
                        parameter: name)
    }

    /// The raw text of `name`, or nil when it is absent (an empty value counts as absent).
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// Every `prefix`NAME parameter, keyed by NAME.
    func prefixed(_ prefix: String) -> [String: String] {
        var found: [String: String] = [:]
        for (name, value) in values where name.hasPrefix(prefix) { found[String(name.dropFirst(prefix.count))] = value }
        return found
    }

    /// An integer in `range`.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(APIError) -> Int {
        guard let text = text(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw .outOfRange(name, "an integer between \(range.lowerBound) and \(range.upperBound)", got: text)
        }
        return value
    }

    /// A finite number with magnitude at most ``Limits/magnitude``.
    func number(_ name: String, default fallback: Double) throws(APIError) -> Double {
        guard let text = text(name) else { return fallback }
        return try Self.number(text, name: name)
    }

    static func number(_ text: String, name: String) throws(APIError) -> Double {
        guard isDecimal(text), let value = Double(text), value.isFinite, value.magnitude <= Limits.magnitude else {
            throw .outOfRange(name, "a finite number between -1e6 and 1e6", got: text)
        }
        return value
    }

    /// Whether `text` is a plain decimal number: an optional sign, digits with at most one
    /// point, an optional exponent (`-4`, `0.5`, `.5`, `1e-3`). `Double(_:)` also reads hexadecimal
    /// (`0x10` is 16), `inf` and `nan`; a query parameter means none of those.
    static func isDecimal(_ text: String) -> Bool {
        var chars = Substring(text)
        if chars.first == "+" || chars.first == "-" { chars = chars.dropFirst() }
        let mantissa = chars.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard mantissa.contains(where: \.isNumber), mantissa.filter({ $0 == "." }).count <= 1 else { return false }
        var rest = chars.dropFirst(mantissa.count)
        guard let e = rest.first else { return true }
        guard e == "e" || e == "E" else { return false }
        rest = rest.dropFirst()
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// An interval `A:B` with A < B, both finite and within ±1e6.
    func interval(_ name: String, default fallback: ClosedRange<Double>) throws(APIError) -> ClosedRange<Double> {
        guard let text = text(name) else { return fallback }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), a.isFinite, b.isFinite,
              a < b, max(a.magnitude, b.magnitude) <= Limits.magnitude else {
            throw .outOfRange(name, "an interval A:B with A < B, both between -1e6 and 1e6 (e.g. -1:1)", got: text)
        }
        return a...b
    }

    /// One of a fixed set of names, in any letter case (``SettingsVocabulary/choice(named:as:)``, as the CLI reads them).
    func choice<Value: RawRepresentable & CaseIterable>(_ name: String, default fallback: Value) throws(APIError) -> Value
    where Value.RawValue == String {
        guard let text = text(name) else { return fallback }
        guard let value = SettingsVocabulary.choice(named: text, as: Value.self) else {
            throw .outOfRange(name, "one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))", got: text)
        }
        return value
    }

    /// An activation by any of its names.
    func activation(_ name: String, default fallback: SettingsVocabulary.ActivationFunction) throws(APIError)
        -> SettingsVocabulary.ActivationFunction {
        guard let text = text(name) else { return fallback }
        do {
            return try SettingsVocabulary.activation(named: text, setting: name)
        } catch {
            throw APIError(error.message, parameter: name)
        }
    }

    /// Comma-separated integers in `range`, at most `count` of them, sorted and without repeats.
    func integerList(_ name: String, in range: ClosedRange<Int>, count: Int) throws(APIError) -> [Int]? {
        guard let text = text(name) else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { Int($0) }
        guard values.count == parts.count, values.allSatisfy(range.contains), (1...count).contains(values.count) else {
            throw .outOfRange(name, "1 to \(count) comma-separated integers between \(range.lowerBound) and \(range.upperBound) (e.g. 1,2,3)", got: text)
        }
        return Array(Set(values)).sorted()
    }
}
