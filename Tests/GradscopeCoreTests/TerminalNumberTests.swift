import Testing
import GradscopeNumerics

/// The terminal medium's one formatter. Oracle for the table: Python's `'%.6g' % x` and `'%.3g' % x`
/// (numpy and PyTorch print the non-finite values the same way: `inf`, `-inf`, `nan`), run once and
/// pasted; `brief` writes the exponent without `+` or leading zeros, and both write ±0 as `0`.
@Suite struct TerminalNumberTests {
    static let values: [Double] = [
        0, -0.0,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude,        // 5e-324, Double's least subnormal
        .leastNormalMagnitude,                                   // 2.2250738585072014e-308
        Double(Float.leastNonzeroMagnitude),                     // 1.401298464324817e-45
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude,     // ±1.7976931348623157e308
        Double(Float.greatestFiniteMagnitude),                   // 3.4028234663852886e38
        .infinity, -.infinity, .nan, -.nan, .signalingNaN,
    ]

    @Test("short (tables): 6 significant digits as %.6g, ±0 as 0, inf, -inf, and nan for a NaN of either sign")
    func shortSpellings() {
        #expect(Self.values.map(TerminalNumber.short) == [
            "0", "0",
            "4.94066e-324", "-4.94066e-324",
            "2.22507e-308",
            "1.4013e-45",
            "1.79769e+308", "-1.79769e+308",
            "3.40282e+38",
            "inf", "-inf", "nan", "nan", "nan",
        ])
    }

    @Test("brief (sentences): 3 significant digits as %.3g, the same inf, -inf, nan; subnormals do not trap")
    func briefSpellings() {
        #expect(Self.values.map(TerminalNumber.brief) == [
            "0", "0",
            "4.94e-324", "-4.94e-324",
            "2.23e-308",
            "1.4e-45",
            "1.8e308", "-1.8e308",
            "3.4e38",
            "inf", "-inf", "nan", "nan", "nan",
        ])
    }

    @Test("Finite values: integers written out in short, e notation outside [1e−3, 1e5) in brief")
    func finiteValues() {
        let values: [Double] = [8, 512, 1_048_576, 65504, 99999.9, 1e15, 0.000244140625, -0.023809523809523808, 0.001, 0.000999999]
        #expect(values.map(TerminalNumber.short) == [
            "8", "512", "1048576", "65504", "99999.9", "1e+15", "0.000244141", "-0.0238095", "0.001", "0.000999999",
        ])
        #expect(values.map(TerminalNumber.brief) == [
            "8", "512", "1.05e6", "65500", "1e5", "1e15", "2.44e-4", "-0.0238", "0.001", "0.001",
        ])
    }
}
