import Foundation
import GradscopeCore

extension ScanExperiment {
    /// `--format json`: every tensor in report order (files as given, ascending offset), then the gain chain.
    /// Unscanned types carry only their name, dtype and shape.
    public struct Document: Encodable, Sendable {
        public struct Tensor: Encodable, Sendable {
            public var name: String
            public var dtype: String
            public var shape: [Int]
            public var n: UInt64?
            public var nan: UInt64?
            public var posInf: UInt64?
            public var negInf: UInt64?
            public var zeros: UInt64?
            public var absmax: Double?
            public var absminNonzero: Double?
            public var sum: Double?
            public var sumsq: Double?
            public var formats: [TargetFormat: TensorStatistics.FormatCounts]?
            /// λ₁ (2-D tensors with --spectral only), its a-posteriori bound, and the gain figures.
            public var spectralNorm: Double?
            public var spectralNormBound: Double?
            public var frobenius: Double?
            public var fanInVariance: Double?
            public var xavier: Double?
            public var he: Double?
            public var gates: [WeightSpectrum.Gate]?
        }

        /// One link of the gain chain: λ₁ of a layer and the running product up to it.
        public struct ChainLink: Encodable, Sendable {
            public var name: String
            public var spectralNorm: Double
            public var product: Double
        }

        public var tensors: [Tensor]
        public var chain: [ChainLink]
        /// The summary's findings, most urgent first.
        public var findings: [String]

        init(checkpoint: Checkpoint, statistics: [TensorStatistics?], spectra: [WeightSpectrum?], settings: Settings) {
            var tensors: [Tensor] = []
            for (i, t) in checkpoint.tensors.enumerated() {
                var row = Tensor(name: t.name, dtype: t.dtype.description, shape: t.shape)
                if let s = statistics[i] {
                    row.n = s.n; row.nan = s.nan; row.posInf = s.posInf; row.negInf = s.negInf; row.zeros = s.zeros
                    row.absmax = s.absmax; row.absminNonzero = s.absminNonzero; row.sum = s.sum; row.sumsq = s.sumsq
                    row.formats = s.formats
                }
                if let w = spectra[i] {
                    row.spectralNorm = w.spectralNorm.value; row.spectralNormBound = w.spectralNorm.bound
                    row.frobenius = w.frobenius; row.fanInVariance = w.fanInVariance; row.xavier = w.xavier; row.he = w.he
                    row.gates = w.gates.isEmpty ? nil : w.gates
                }
                tensors.append(row)
            }
            self.tensors = tensors
            var chain: [ChainLink] = []
            let pattern = settings.chain.flatMap { try? NSRegularExpression(pattern: $0) }
            var product = 1.0
            for t in tensors {
                guard let lambda = t.spectralNorm else { continue }
                let range = NSRange(t.name.startIndex..., in: t.name)
                let member = pattern.map { $0.firstMatch(in: t.name, range: range) != nil } ?? Self.isBlockWeight(t.name)
                guard member else { continue }
                product *= lambda
                chain.append(ChainLink(name: t.name, spectralNorm: lambda, product: product))
            }
            self.chain = chain
            findings = Self.findings(tensors, chain: chain, spectral: settings.spectral)
        }

        /// The default chain: 2-D weights of numbered blocks (a name component that is a number),
        /// embeddings and output heads excluded.
        static func isBlockWeight(_ name: String) -> Bool {
            let parts = name.lowercased().split(separator: ".")
            guard parts.contains(where: { Int($0) != nil }) else { return false }
            return !parts.contains { $0.contains("embed") || $0 == "wte" || $0 == "wpe" || $0.contains("head") }
        }

        static func findings(_ tensors: [Tensor], chain: [ChainLink], spectral: Bool) -> [String] {
            var lines: [String] = []
            for t in tensors where (t.nan ?? 0) + (t.posInf ?? 0) + (t.negInf ?? 0) > 0 {
                lines.append("NON-FINITE  \(t.name) holds \(t.nan!) NaN, \(t.posInf!) +Inf, \(t.negInf!) -Inf of \(t.n!) values.")
            }
            for f in TargetFormat.allCases {
                for t in tensors {
                    guard let c = t.formats?[f], c.over > 0, let absmax = t.absmax else { continue }
                    let k = Int((log2(absmax / f.maximum)).rounded(.up))
                    lines.append("OVERFLOW    \(c.over) values of \(t.name) exceed \(f.rawValue)'s max \(TerminalNumber.short(f.maximum)) (max |x| \(TerminalNumber.short(absmax))): scale it by 2^-\(max(k, 1)) before casting, or keep it wider.")
                }
            }
            var losses: [(fraction: Double, line: String)] = []
            for f in TargetFormat.allCases {
                for t in tensors {
                    guard let c = t.formats?[f], let n = t.n, n > 0, c.flush + c.subnormal > 0 else { continue }
                    let fraction = Double(c.flush + c.subnormal) / Double(n)
                    guard fraction >= 0.01 || c.flush > 0 else { continue }
                    var advice = ""
                    if let absmax = t.absmax, absmax > 0 {
                        let k = Int(log2(f.maximum / absmax).rounded(.down))
                        if k > 0 { advice = ": scale it by 2^\(k) before casting" }
                    }
                    let percent = String(format: "%.3g", 100 * fraction)
                    losses.append((fraction, "UNDERFLOW   \(percent) % of \(t.name) is subnormal or flushes to zero in \(f.rawValue) (\(c.flush) flush, \(c.subnormal) subnormal)\(advice)."))
                }
            }
            let shown = losses.sorted { $0.fraction > $1.fraction }
            lines += shown.prefix(12).map(\.line)
            if shown.count > 12 { lines.append("            … and \(shown.count - 12) more tensor/format pairs lose values to underflow (see the table).") }
            if spectral {
                if let last = chain.last {
                    let above = chain.filter { $0.spectralNorm > 1 }.count
                    lines.append("GAIN        \(above) of \(chain.count) layers in the chain have λ₁ > 1; the product of λ₁ along it is \(TerminalNumber.short(last.product)) (an upper bound on the chain's gain, activations aside).")
                }
                for t in tensors {
                    for g in t.gates ?? [] where g.mayExplode {
                        lines.append("RECURRENT   \(t.name) gate \(g.index): λ₁ = \(TerminalNumber.short(g.spectralNorm)) > 1/γ = \(TerminalNumber.short(g.explodingThreshold)): gradients may explode (Pascanu's necessary condition).")
                    }
                }
            } else {
                lines.append("GAIN        run with --spectral for λ₁ of each 2-D weight and the gain chain.")
            }
            if lines.count == 1 { lines.insert("OK          no NaN or Inf, nothing overflows or flushes in float16, bfloat16, float8_e4m3fn or float8_e5m2.", at: 0) }
            return lines
        }

        /// One row per tensor (`--format csv`).
        var table: DataTable {
            var columns = ["name", "dtype", "shape", "n", "nan", "pos_inf", "neg_inf", "zeros", "absmax", "absmin_nonzero", "sum", "sumsq"]
            for f in TargetFormat.allCases { columns += ["over", "flush", "subnormal"].map { "\(f.rawValue)_\($0)" } }
            columns += ["spectral_norm", "spectral_norm_bound", "frobenius", "fan_in_variance", "xavier", "he"]
            var table = DataTable(columns: columns)
            func number(_ v: Double?) -> DataTable.Cell { v.map { .number($0) } ?? .text("") }
            func count(_ v: UInt64?) -> DataTable.Cell { v.map { .text(String($0)) } ?? .text("") }
            for t in tensors {
                var row: [DataTable.Cell] = [.text(t.name), .text(t.dtype), .text(t.shape.map(String.init).joined(separator: "x")),
                                             count(t.n), count(t.nan), count(t.posInf), count(t.negInf), count(t.zeros),
                                             number(t.absmax), number(t.absminNonzero), number(t.sum), number(t.sumsq)]
                for f in TargetFormat.allCases {
                    let c = t.formats?[f]
                    row += [count(c?.over), count(c?.flush), count(c?.subnormal)]
                }
                row += [number(t.spectralNorm), number(t.spectralNormBound), number(t.frobenius), number(t.fanInVariance), number(t.xavier), number(t.he)]
                table.append(row)
            }
            return table
        }

        /// Findings, then the per-tensor table, then the chain.
        var summary: String {
            var text = TextTable(["tensor", "dtype", "shape", "NaN", "±Inf", "zeros", "max|x|", "min|x|≠0", "rms",
                                  "f16 over/flush", "bf16 over/flush", "e4m3 over/flush/sub", "e5m2 over/flush/sub", "λ₁"])
            for t in tensors {
                let shape = t.shape.map(String.init).joined(separator: "×")
                guard let n = t.n, let formats = t.formats else {
                    text.append([t.name, t.dtype, shape, "not scanned", "", "", "", "", "", "", "", "", "", ""])
                    continue
                }
                let finite = n - t.nan! - t.posInf! - t.negInf!
                let rms = finite > 0 ? (t.sumsq! / Double(finite)).squareRoot() : .nan
                func pair(_ f: TargetFormat) -> String { "\(formats[f]!.over)/\(formats[f]!.flush)" }
                func triple(_ f: TargetFormat) -> String { "\(formats[f]!.over)/\(formats[f]!.flush)/\(formats[f]!.subnormal)" }
                text.append([t.name, t.dtype, shape, String(t.nan!), String(t.posInf! + t.negInf!), String(t.zeros!),
                             TerminalNumber.short(t.absmax!), t.absminNonzero.map(TerminalNumber.short) ?? "-", TerminalNumber.short(rms),
                             pair(.float16), pair(.bfloat16), triple(.float8E4M3FN), triple(.float8E5M2),
                             t.spectralNorm.map { "\(TerminalNumber.short($0)) ±\(TerminalNumber.short(t.spectralNormBound!))" } ?? ""])
            }
            var out = findings.joined(separator: "\n") + "\n\n" + text.rendered
            if !chain.isEmpty {
                var c = TextTable(["chain layer", "λ₁", "running product"])
                for link in chain { c.append([link.name, TerminalNumber.short(link.spectralNorm), TerminalNumber.short(link.product)]) }
                out += "\n\n" + c.rendered
            }
            return out
        }
    }
}
