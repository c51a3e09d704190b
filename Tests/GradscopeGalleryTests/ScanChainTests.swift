import Foundation
import GradscopeGallery
import Testing

/// The gain chain of `gradscope scan --spectral`: which 2-D weights it holds, in ascending file
/// offset, and the running product of their λ₁.
@Suite struct ScanChainTests {
    /// (name, λ₁) in file order; each a 2 × 2 F32 weight diag(λ₁, λ₁/4) (dyadic: exact), plus a 1-D norm
    /// weight after the first block. The header lists them in another order.
    static let weights: [(String, Double)] = [
        ("model.embed_tokens.weight", 10), ("model.layers.0.attn.weight", 2), ("model.layers.0.mlp.weight", 0.75),
        ("model.layers.1.attn.weight", 3), ("lm_head.weight", 7),
    ]

    static func file(in folder: URL) throws -> String {
        var entries: [String] = [], data: [UInt8] = []
        func add(_ name: String, _ shape: [Int], _ values: [Float]) {
            let bytes = values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
            entries.append(#""\#(name)":{"dtype":"F32","shape":\#(shape),"data_offsets":[\#(data.count),\#(data.count + bytes.count)]}"#)
            data += bytes
        }
        for (i, (name, lambda)) in weights.enumerated() {
            add(name, [2, 2], [Float(lambda), 0, 0, Float(lambda / 4)])
            if i == 1 { add("model.layers.0.norm.weight", [2], [1, 1]) }
        }
        let header = Array(("{" + entries.reversed().joined(separator: ",") + "}").utf8)
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(header.count) >> (8 * UInt64($0))) } + header + data
        let path = folder.appendingPathComponent("chain.safetensors").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let cases: [(String?, [String], [Double])] = [
        (nil, ["model.layers.0.attn.weight", "model.layers.0.mlp.weight", "model.layers.1.attn.weight"], [2, 1.5, 4.5]),
        (#"layers\.0\."#, ["model.layers.0.attn.weight", "model.layers.0.mlp.weight"], [2, 1.5]),
        ("embed|head", ["model.embed_tokens.weight", "lm_head.weight"], [10, 70]),
        ("nothing-matches", [], []),
    ]

    @Test("The chain: blocks' 2-D weights by default (embeddings, heads and 1-D tensors out), or --chain's; the running product of λ₁ to 1e-12",
          arguments: cases)
    func chain(_ item: (String?, [String], [Double])) throws {
        let (pattern, names, products) = item
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scan-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.file(in: folder)
        let report = try ScanExperiment(settings: .init(paths: [path], spectral: true, chain: pattern, threads: 1)).run(progress: nil)
        let chain = report.document.chain
        #expect(chain.map(\.name) == names)
        let lambdas = Dictionary(uniqueKeysWithValues: Self.weights)
        for (link, product) in zip(chain, products) {
            #expect(abs(link.spectralNorm - lambdas[link.name]!) <= 1e-12 * lambdas[link.name]!, "\(link.name)")
            #expect(abs(link.product - product) <= 1e-12 * product, "\(link.name): \(link.product) vs \(product)")
        }
        if pattern == nil {
            #expect(report.document.findings.contains { $0.hasPrefix("GAIN        2 of 3 layers in the chain have λ₁ > 1; the product of λ₁ along it is 4.5") },
                    "\(report.document.findings)")
        }
    }

    @Test("Without --spectral there is no chain, and the summary says how to get one")
    func withoutSpectral() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scan-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try ScanExperiment(settings: .init(paths: [try Self.file(in: folder)], threads: 1)).run(progress: nil)
        #expect(report.document.chain.isEmpty)
        #expect(report.document.tensors.allSatisfy { $0.spectralNorm == nil })
        #expect(report.document.findings.last == "GAIN        run with --spectral for λ₁ of each 2-D weight and the gain chain.")
    }
}
