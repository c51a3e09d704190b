import Foundation
import Testing
@testable import GradscopeNumerics

/// Every bit pattern and every cast of `Resources/formats/`, written by ml_dtypes 0.7.0
/// (scripts/gen_format_reference.py).
@Suite struct NarrowFormatReferenceTests {
    /// The rows of `formats/<name>_<kind>.csv`, header dropped, split at commas.
    static func table(_ precision: Precision, _ kind: String) throws -> [[Substring]] {
        let url = try #require(Bundle.module.url(forResource: "\(precision.rawValue)_\(kind)", withExtension: "csv", subdirectory: "Resources/formats"))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
    }

    @Test("Every bit pattern decodes to ml_dtypes' value, NaN's sign included", arguments: Precision.narrowFormats)
    func decode(_ precision: Precision) throws {
        let rows = try Self.table(precision, "decode")
        let format = try #require(precision.narrowFormat)
        #expect(rows.count == 1 << format.bitCount)
        var mismatches: [String] = []
        for row in rows {
            let bits = try #require(UInt8(row[0], radix: 16))
            let expected = Double(bitPattern: try #require(UInt64(row[1], radix: 16)))
            let values = precision.visit(ValuesOf(bits: bits))
            for value in values where !(value.bitPattern == expected.bitPattern || value.isNaN && expected.isNaN && value.sign == expected.sign) {
                mismatches.append("0x\(row[0]): \(value), ml_dtypes \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test("Casts from Float and Double match ml_dtypes in both overflow modes", arguments: Precision.narrowFormats)
    func casts(_ precision: Precision) throws {
        let rows = try Self.table(precision, "casts")
        var mismatches: [String] = []
        for row in rows {
            let rule = try #require(OverflowRule(rawValue: String(row[2])))
            let expected = try #require(UInt8(row[3], radix: 16))
            let input = try #require(UInt64(row[1], radix: 16))
            let value = row[0] == "float32" ? Double(Float(bitPattern: UInt32(input))) : Double(bitPattern: input)
            let viaFloat = row[0] == "float32" ? Float(bitPattern: UInt32(input)) : nil
            let got = precision.visit(Rounded(value: value, float: viaFloat), overflow: rule)
            if got != [expected] + (viaFloat == nil ? [] : [expected]) {
                mismatches.append("\(row[0]) 0x\(row[1]) \(rule): \(got), ml_dtypes \(expected)")
            }
        }
        #expect(rows.count > 600)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(10))")
    }

    /// The value of `bits` read four ways: Double(_:), Float(_:), doubleValue, and the format's own decode.
    struct ValuesOf: PrecisionVisitor {
        let bits: UInt8
        func visit<T: GradFloat>(_ type: T.Type) -> [Double] {
            guard let narrow = T.self as? any NarrowFloatingPoint.Type else { return [.nan] }
            return values(narrow)
        }
        func values<Narrow: NarrowFloatingPoint>(_ type: Narrow.Type) -> [Double] {
            let value = Narrow(bitPattern: bits)
            return [Double(value), Double(Float(value)), value.doubleValue, Narrow.format.decode(bits)]
        }
    }

    /// The bits of `value` rounded by the type's `init(_: Double)` and, for a Float input, `init(_: Float)`.
    struct Rounded: PrecisionVisitor {
        let value: Double
        let float: Float?
        func visit<T: GradFloat>(_ type: T.Type) -> [UInt8] {
            guard let narrow = T.self as? any NarrowFloatingPoint.Type else { return [] }
            return bits(narrow)
        }
        func bits<Narrow: NarrowFloatingPoint>(_ type: Narrow.Type) -> [UInt8] {
            [Narrow(value).bitPattern] + (float.map { [Narrow($0).bitPattern] } ?? [])
        }
    }
}
