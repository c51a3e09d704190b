import Foundation
import Testing
import GradscopeNumerics
import GradscopeNetworks

/// `clipGradNorm` against `torch.nn.utils.clip_grad_norm_` 2.13.0+cpu, from
/// `scripts/gen_clip_reference.py` (Resources/clip_reference.json): given PyTorch's total norm the
/// clipped gradients are bit-equal; our own total norm is within 1 ulp of PyTorch's (its
/// reduction order depends on the CPU's vector width).
@Suite struct ClippingReferenceTests {
    struct Case: Decodable, CustomTestStringConvertible {
        var name, dtype, maxNorm, normType, totalNorm: String
        var groups, clipped: [[String]]
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        struct File: Decodable { var cases: [Case] }
        let url = Bundle.module.url(forResource: "clip_reference", withExtension: "json", subdirectory: "Resources")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }()

    /// A number written by Python's `float.hex()` ("0x1.8p+1", "inf", "-0x0.0p+0").
    static func hex(_ text: String) -> Double { Double(text)! }

    @Test("The reference holds every case the script writes")
    func caseCount() {
        #expect(Self.cases.count == 20)
        #expect(Self.cases.filter { $0.dtype == "float32" }.count == 10)
        #expect(Self.cases.filter { $0.name.contains("division differs") }.count == 4)
    }

    @Test("Clipped gradients bit-equal PyTorch's given its total norm; our norm within 1 ulp", arguments: cases)
    func matchesPyTorch(_ reference: Case) {
        if reference.dtype == "float32" { check(reference, as: Float.self) } else { check(reference, as: Double.self) }
    }

    func check<T: GradFloat & BinaryFloatingPoint>(_ reference: Case, as type: T.Type) {
        let maxNorm = Self.hex(reference.maxNorm), normType = Self.hex(reference.normType)
        let torchNorm = T(Self.hex(reference.totalNorm))
        let before = ParameterGroups<T>(names: reference.groups.indices.map { "g\($0)" },
                                        values: reference.groups.map { $0.map { T(Self.hex($0)) } })
        let expected = reference.clipped.map { $0.map { T(Self.hex($0)) } }

        var given = before
        given.clipGrads(maxNorm: maxNorm, totalNorm: torchNorm)
        #expect(bitPatterns(given.values) == bitPatterns(expected), "\(reference.name): clipped given PyTorch's norm")

        var own = before
        let ours = try! own.clipGradNorm(maxNorm: maxNorm, normType: normType)
        if torchNorm.isFinite {
            #expect(ours == torchNorm || ours.nextUp == torchNorm || ours.nextDown == torchNorm,
                    "\(reference.name): norm \(ours) vs PyTorch \(torchNorm)")
        } else {
            #expect(ours == torchNorm, "\(reference.name): norm \(ours) vs PyTorch \(torchNorm)")
        }
        if ours == torchNorm {
            #expect(bitPatterns(own.values) == bitPatterns(expected), "\(reference.name): clipped with our norm")
        }
    }

    /// The bits of each number (Float → Double is exact and keeps the sign of zero).
    func bitPatterns<T: BinaryFloatingPoint>(_ groups: [[T]]) -> [[UInt64]] {
        groups.map { group in group.map { (x: T) -> UInt64 in Double(x).bitPattern } }
    }
}

@Suite struct NormClippingTests {
    @Test("Pascanu's rule: nil at or below the threshold, threshold/‖g‖ above it (a division, ε = 0)")
    func pascanu() {
        let rule = NormClipping.pascanu(threshold: 1)
        #expect(rule.epsilon == 0)
        #expect(rule.coefficient(forNorm: 0.5) == nil)
        #expect(rule.coefficient(forNorm: 1.0) == nil)
        #expect(rule.coefficient(forNorm: Double.nan) == nil)
        #expect(rule.coefficient(forNorm: 3.0) == 1.0 / 3.0)
        #expect(NormClipping.pascanu(threshold: 0.7).coefficient(forNorm: 2.9) == 0.7 / 2.9)
        #expect(rule.coefficient(forNorm: Double.infinity) == 0)
    }

    @Test("PyTorch's rule: maxNorm·(1/(‖g‖ + 1e−6)) clamped to 1, NaN kept")
    func pytorch() {
        let rule = NormClipping.pytorch(maxNorm: 0.7)
        #expect(rule.epsilon == 1e-6)
        #expect(rule.coefficient(forNorm: 2.9) == (1 / (2.9 + 1e-6)) * 0.7)
        #expect(rule.coefficient(forNorm: Float(2.9)) == (1 / (Float(2.9) + Float(1e-6))) * Float(0.7))
        #expect(rule.coefficient(forNorm: 0.1) == 1)
        #expect(rule.coefficient(forNorm: Double.infinity) == 0)
        #expect(rule.coefficient(forNorm: Double.nan)!.isNaN)
    }
}
