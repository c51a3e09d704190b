import Foundation
import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks

/// `NarrowCast.castMX` and the `current` recipe against torchao 0.18.0's MX casts
/// (`to_mx`, E8M0 scales, blocks of 32) and PyTorch 2.13's float8 casts after a per-tensor
/// scale, from `Resources/mx_reference.json` (scripts/gen_mx_reference.py). Every value is
/// compared bit for bit; where torchao departs from OCP MX v1.0 the difference itself is
/// asserted (it is documented in the README's formats section), our code is not bent to it.
@Suite struct NarrowFormatTorchaoTests {
    struct Reference: Decodable {
        let torch: String
        let torchao: String
        let blockLength: Int
        let mx: [MXRecord]
        let scaleModes: [ModeRecord]
        let current: [CurrentRecord]
    }

    struct MXRecord: Decodable {
        let `case`: String
        let format: String
        let inputs: [String]
        let scales: [Int]
        let elements: [String]
        let dequantized: [String]
    }

    struct ModeRecord: Decodable {
        let `case`: String
        let format: String
        let mode: String
        let scales: [Int]
    }

    struct CurrentRecord: Decodable {
        let `case`: String
        let format: String
        let margin: Int
        let inputs: [String]
        let amax: String
        let scale: String
        let dequantized: [String]
    }

    static let reference: Reference = {
        let url = Bundle.module.url(forResource: "mx_reference", withExtension: "json", subdirectory: "Resources")!
        return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }()

    static let formats: [String: NarrowFormat] = Dictionary(uniqueKeysWithValues: [
        NarrowFormat.float8E4M3FN, .float8E5M2, .float6E3M2FN, .float6E2M3FN, .float4E2M1FN,
    ].map { ($0.name, $0) })

    static func float(_ hex: String) -> Float { Float(bitPattern: UInt32(hex, radix: 16)!) }

    /// Same bits, or both NaN with the same sign (payloads are not compared).
    static func same(_ a: Float, _ b: Float) -> Bool {
        a.bitPattern == b.bitPattern || a.isNaN && b.isNaN && a.sign == b.sign
    }

    /// Same bits, or both NaN (the sign of a NaN that torchao makes from a whole NaN block is its own).
    static func sameOrNaN(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || a.isNaN && b.isNaN }

    /// The format's own rounding of `x` (ml_dtypes-exact, see NarrowFormatReferenceTests), saturating.
    static func rounded(_ x: Double, _ format: NarrowFormat) -> Double {
        let saturating = format.with(overflow: .saturate)
        return saturating.decode(saturating.encode(x))
    }

    /// How a block of the reference departs from OCP in torchao, or nil when it does not.
    enum Departure: Equatable {
        /// All zeros: OCP leaves the scale free (any scale gives zeros); torchao writes E8M0 byte 0.
        case zeros
        /// A ±Inf in the block: torchao takes Inf's exponent field as the amax's (scale byte 247 for
        /// e4m3fn), saturates Inf to ±max_elem, and ±max·X overflows back to ±Inf in Float32 while the
        /// finite values flush to zero; OCP makes the scale NaN, so we return a block of NaN.
        case infinity
        /// The OCP scale is 2^-127 (byte 0): torchao divides by 2^-126 instead (its F32_MIN_NORMAL
        /// clamp) yet multiplies back by 2^-127, so its values are about half the inputs. (Blocks whose
        /// values all round to 0 either way are not counted: there the two agree.)
        case smallestScale
    }

    static func departure(_ block: ArraySlice<Float>, format: NarrowFormat) -> Departure? {
        if block.contains(where: \.isInfinite), !block.contains(where: \.isNaN) { return .infinity }
        let amax = block.reduce(Float(0)) { max($0, $1.magnitude) }
        if amax == 0 { return .zeros }
        if let e = NarrowCast.sharedExponent(amax: amax, format: format), e == -127,
           block.contains(where: { rounded(Double($0) * 0x1p126, format) != 0 }) { return .smallestScale }
        return nil
    }

    @Test("The reference is torchao 0.18.0 on PyTorch 2.13.0, 13 cases × 5 formats, 20 per-tensor cases × 2")
    func provenance() {
        let r = Self.reference
        #expect(r.torchao == "0.18.0")
        #expect(r.torch == "2.13.0+cpu")
        #expect(r.blockLength == ScalingRecipe.blockLength)
        #expect(r.mx.count == 13 * 5)
        #expect(r.scaleModes.count == 13 * 5 * 3)
        #expect(r.current.count == 10 * 2 * 2)
        #expect(Set(r.mx.map(\.format)) == Set(Self.formats.keys))
    }

    @Test("MX scales: our shared exponent + 127 is torchao's E8M0 byte (FLOOR, the OCP rule) in every finite block")
    func mxScales() {
        var mismatches: [String] = [], departures: [String: Int] = [:]
        for record in Self.reference.mx {
            let format = Self.formats[record.format]!
            let inputs = record.inputs.map(Self.float)
            #expect(record.scales.count * 32 == inputs.count)
            for (b, byte) in record.scales.enumerated() {
                let block = inputs[(b * 32)..<(b * 32 + 32)]
                let amax = block.reduce(Float(0)) { $1.isNaN ? .nan : max($0, $1.magnitude) }
                let ours = NarrowCast.sharedExponent(amax: amax, format: format)
                switch Self.departure(block, format: format) {
                case .zeros:
                    departures["zeros", default: 0] += 1
                    if ours != nil || byte != 0 { mismatches.append("\(record.case) \(record.format) zeros: \(String(describing: ours)), torchao \(byte)") }
                case .infinity:
                    departures["infinity", default: 0] += 1
                    // torchao: Inf's exponent field 255 → 128 − ⌊log2 max_elem⌋, biased.
                    let expected = 127 + 128 - format.greatestFiniteMagnitude.exponent
                    if ours != nil || byte != expected { mismatches.append("\(record.case) \(record.format) Inf: \(String(describing: ours)), torchao \(byte)") }
                default:
                    if amax.isNaN {
                        if ours != nil || byte != 255 { mismatches.append("\(record.case) \(record.format) NaN: \(String(describing: ours)), torchao \(byte)") }
                    } else if ours.map({ $0 + 127 }) != byte {
                        mismatches.append("\(record.case) \(record.format) block \(b): \(String(describing: ours)) + 127, torchao \(byte)")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        // zeros: 1 block × 5 formats; ±Inf: 2 blocks × 5 formats.
        #expect(departures == ["zeros": 5, "infinity": 10])
    }

    @Test("MX values: castMX equals torchao's elements × 2^scale bit for bit, except where torchao departs from OCP")
    func mxValues() {
        var mismatches: [String] = [], departures: [Departure: Int] = [:]
        for record in Self.reference.mx {
            let format = Self.formats[record.format]!
            let inputs = record.inputs.map(Self.float), expected = record.dequantized.map(Self.float)
            let elements = record.elements.map(Self.float)
            var counts = CastCounts()
            let ours = NarrowCast.castMX(inputs, rows: 1, columns: inputs.count, alongRows: true, to: format, counts: &counts)
            #expect(counts.values == inputs.count)
            for b in 0..<(inputs.count / 32) {
                let range = (b * 32)..<(b * 32 + 32)
                let departure = Self.departure(inputs[range], format: format)
                if let departure { departures[departure, default: 0] += 1 }
                for i in range {
                    let label = "\(record.case) \(record.format) [\(i)] x = \(inputs[i])"
                    switch departure {
                    case .infinity:
                        // Ours: the block is NaN. torchao: ±Inf stays ±Inf (±max·X overflows), the rest is ±0.
                        let torchaoExpected: Float = inputs[i].isInfinite ? inputs[i] : (inputs[i].sign == .minus ? -0.0 : 0)
                        if !ours[i].isNaN || !Self.same(expected[i], torchaoExpected) {
                            mismatches.append("\(label): ours \(ours[i]), torchao \(expected[i])")
                        }
                    case .smallestScale:
                        // Ours: round(x·2^127)·2^-127. torchao: round(x·2^126)·2^-127.
                        let oursElement = Self.rounded(Double(inputs[i]) * 0x1p127, format)
                        let theirs = Self.rounded(Double(inputs[i]) * 0x1p126, format)
                        if Double(ours[i]) != oursElement * 0x1p-127 || Double(elements[i]) != theirs
                            || Double(expected[i]) != theirs * 0x1p-127 {
                            mismatches.append("\(label): ours \(ours[i]), torchao \(expected[i])")
                        }
                    case .zeros, nil:
                        if !Self.sameOrNaN(ours[i], expected[i]) || (ours[i].isNaN != inputs[range].contains(where: \.isNaN)) {
                            mismatches.append("\(label): ours \(ours[i]), torchao \(expected[i])")
                        }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(8))")
        // smallestScale: scale_byte_0 in e4m3fn and e5m2, tiny_normals in e5m2 (emax 15: 2^(−118−15) clamps to 2^−127).
        #expect(departures == [.zeros: 5, .infinity: 10, .smallestScale: 3])
    }

    /// torchao's other scale rules, restated: CEIL rounds log2 amax up, EVEN rounds amax to the
    /// element's significand bits (half up, in the bits; an exponent field carried to 255 counts
    /// as 2^128) first, RCEIL is ⌈log2(amax / max_elem)⌉. FLOOR, CEIL and EVEN clamp to [−127, 128].
    static func modeByte(_ mode: String, amax: Float, format: NarrowFormat) -> Int {
        let emaxPow2 = format.greatestFiniteMagnitude.exponent
        func field(_ bits: UInt32) -> Int { Int((bits >> 23) & 0xFF) - 127 }
        switch mode {
        case "ceil":
            let exponent = field(amax.bitPattern) + (amax.significandBitPattern == 0 ? 0 : 1) - emaxPow2
            return min(128, max(-127, exponent)) + 127
        case "even":
            let add = UInt32(1) << (23 - format.significandBitCount - 1)
            let exponent = field((amax.bitPattern &+ add) & 0xFF80_0000) - emaxPow2
            return min(128, max(-127, exponent)) + 127
        default:
            let descale = amax / Float(format.greatestFiniteMagnitude)
            return min(127, max(-127, Int(Foundation.ceil(Foundation.log2(Double(descale)))))) + 127
        }
    }

    @Test("torchao's CEIL, EVEN and RCEIL scales follow their stated rules and differ from OCP's FLOOR where amax is not a power of two")
    func scaleModes() {
        var mismatches: [String] = [], differFromFloor: [String: Int] = [:]
        let floors = Dictionary(uniqueKeysWithValues: Self.reference.mx.map { ("\($0.case) \($0.format)", $0) })
        for record in Self.reference.scaleModes {
            let format = Self.formats[record.format]!, floor = floors["\(record.case) \(record.format)"]!
            let inputs = floor.inputs.map(Self.float)
            for (b, byte) in record.scales.enumerated() {
                let block = inputs[(b * 32)..<(b * 32 + 32)]
                let amax = block.reduce(Float(0)) { max($0, $1.magnitude) }
                guard amax.isFinite, amax.isNormal, !block.contains(where: \.isNaN) else { continue }
                let expected = Self.modeByte(record.mode, amax: amax, format: format)
                if byte != expected { mismatches.append("\(record.mode) \(record.case) \(record.format) \(b): \(byte), rule \(expected)") }
                if byte != floor.scales[b] { differFromFloor[record.mode, default: 0] += 1 }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(differFromFloor == Self.expectedModeDifferences, "\(differFromFloor)")
    }

    /// Blocks (of the 60 with a finite, normal amax: 12 cases × 5 formats) whose scale byte differs from FLOOR's.
    static let expectedModeDifferences: [String: Int] = ["ceil": 53, "even": 21, "rceil": 23]

    @Test("current: TensorScaler's scale and NarrowCast.cast equal torchao.float8 / PyTorch's casts bit for bit on finite, normal tensors")
    func current() {
        var mismatches: [String] = [], departures: [String] = []
        for record in Self.reference.current {
            let format = Self.formats[record.format]!
            let inputs = record.inputs.map(Self.float), expected = record.dequantized.map(Self.float)
            var scaler = TensorScaler(recipe: .current(margin: record.margin), format: format)
            let scale = scaler.scale(for: inputs)
            var counts = CastCounts()
            let ours = NarrowCast.cast(inputs, scale: scale, to: format, counts: &counts)
            let theirScale = Self.float(record.scale)
            let label = "\(record.case) \(record.format) margin \(record.margin)"
            #expect(Self.sameOrNaN(NarrowCast.amax(inputs), Self.float(record.amax)), "\(label)")
            switch record.case {
            case "zeros":
                // amax = 0: we keep s = 1 and give the zeros back. torchao (margin 0) clamps amax to
                // 1e-12 and gives the zeros back too; the plain formula (margin 1) has s = +Inf and 0·Inf = NaN.
                departures.append(label)
                let theirs: (Float) -> Bool = record.margin == 0 ? { $0 == 0 } : { $0.isNaN }
                if scale != 1 || theirScale == 1 || !zip(ours, inputs).allSatisfy(Self.same) || !expected.allSatisfy(theirs) {
                    mismatches.append("\(label): s \(scale), torchao \(theirScale), \(expected.prefix(2))")
                }
            case "float32_subnormals":
                // max/amax overflows Float32: we take s = greatestFiniteMagnitude, torchao s = max/1e-12.
                // Both flush every value to zero.
                departures.append(label)
                if scale != .greatestFiniteMagnitude || !zip(ours, expected).allSatisfy(Self.same) || counts.flushedToZero != inputs.count {
                    mismatches.append("\(label): s \(scale), torchao \(theirScale)")
                }
            case "nan", "plus_inf":
                // A non-finite amax: we keep s = 1 and cast plainly (the NaN/Inf is counted);
                // PyTorch's s is NaN or 0 and every value of the tensor becomes NaN.
                departures.append(label)
                let plain = NarrowCast.cast(inputs, scale: 1, to: format, counts: &counts)
                if scale != 1 || !zip(ours, plain).allSatisfy(Self.same) || !expected.allSatisfy(\.isNaN)
                    || ours.filter(\.isNaN).count + ours.filter(\.isInfinite).count != 1 {
                    mismatches.append("\(label): ours \(ours.prefix(4)), torchao \(expected.prefix(4))")
                }
            default:
                if scale.bitPattern != theirScale.bitPattern { mismatches.append("\(label): s \(scale), torchao \(theirScale)") }
                for (i, (a, b)) in zip(ours, expected).enumerated() where !Self.same(a, b) {
                    mismatches.append("\(label) [\(i)] x = \(inputs[i]): ours \(a), PyTorch \(b)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(8))")
        #expect(departures.count == 4 * 2 * 2)
    }
}
