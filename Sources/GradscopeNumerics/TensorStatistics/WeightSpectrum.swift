import CVectorMath

/// The gain of one 2-D weight W (PyTorch's `(out, in)` layout: fan-in = columns, fan-out = rows):
///
///     λ₁ = ‖W‖₂ (``SpectralNorm``, with its bound), ‖W‖_F = √Σw²,
///     fanInVariance = fan_in · Var(W)   beside   Xavier's 2·fan_in/(fan_in + fan_out) and He's 2
///
/// For a recurrent matrix (`weight_hh_l*`, gates stacked along the rows: 4 for an LSTM, 3 for a GRU,
/// 1 for an Elman RNN), λ₁ of each gate's H × H block and Pascanu's condition: gradients can explode
/// only if λ₁ > 1/γ (γ = 1 for tanh, 1/4 for sigmoid); λ₁ < 1/γ is sufficient for them to vanish.
public struct WeightSpectrum: Sendable, Equatable, Codable {
    /// One gate of a recurrent matrix.
    public struct Gate: Sendable, Equatable, Codable {
        public var index: Int
        public var spectralNorm: Double
        public var spectralNormBound: Double
        /// 1/γ: λ₁ above it is necessary for exploding gradients.
        public var explodingThreshold: Double
        public var mayExplode: Bool
    }

    public var spectralNorm: SpectralNorm
    public var frobenius: Double
    public var fanIn: Int
    public var fanOut: Int
    public var fanInVariance: Double
    public var xavier: Double
    public var he: Double
    /// Per gate, for `weight_hh_l*` matrices; empty otherwise.
    public var gates: [Gate]

    /// The largest matrix this reads into memory (as float64): 2^25 elements (256 MiB).
    public static let maximumElements = 1 << 25

    /// Reads the 2-D `tensor` into float64 (row-major) and computes its spectrum.
    /// Returns nil for a tensor over ``maximumElements`` or with a non-finite element count.
    public init?(of tensor: CheckpointTensor, in file: MappedFile, statistics: TensorStatistics?, gamma: Double) throws {
        guard tensor.shape.count == 2, tensor.elementCount <= Self.maximumElements, let code = tensor.dtype.kernelCode else { return nil }
        let rows = tensor.shape[0], columns = tensor.shape[1]
        var values = [Double](repeating: 0, count: tensor.elementCount)
        var at = 0
        var table = [Double](repeating: 0, count: 256)
        _ = gs_f8_decode_table(code, &table)
        try tensor.forEachPiece(of: file) { bytes in
            let width = tensor.dtype.bits / 8
            for i in 0..<(bytes.count / width) {
                let p = i * width
                let x: Double
                switch tensor.dtype {
                case .float64: x = bytes.loadUnaligned(fromByteOffset: p, as: Double.self)
                case .float32: x = Double(bytes.loadUnaligned(fromByteOffset: p, as: Float.self))
                case .float16: x = Double(Float16(bitPattern: bytes.loadUnaligned(fromByteOffset: p, as: UInt16.self)))
                case .bfloat16: x = Double(Float(bitPattern: UInt32(bytes.loadUnaligned(fromByteOffset: p, as: UInt16.self)) << 16))
                default: x = table[Int(bytes[p])]
                }
                values[at] = x
                at += 1
            }
        }
        if tensor.isColumnMajor {  // stored as Wᵀ: columns × rows, row-major
            var transposed = values
            for i in 0..<rows { for j in 0..<columns { transposed[i * columns + j] = values[j * rows + i] } }
            values = transposed
        }
        spectralNorm = SpectralNorm(rows: rows, columns: columns, values)
        let sumsq = statistics?.sumsq ?? values.reduce(0) { $0 + $1 * $1 }
        frobenius = sumsq.squareRoot()
        fanIn = columns
        fanOut = rows
        fanInVariance = Double(columns) * (statistics?.variance ?? .nan)
        xavier = 2 * Double(columns) / Double(rows + columns)
        he = 2
        gates = []
        let name = tensor.name.split(separator: ".").last.map(String.init) ?? tensor.name
        if name.hasPrefix("weight_hh"), columns > 0, rows % columns == 0, [1, 3, 4].contains(rows / columns) {
            for g in 0..<(rows / columns) {
                let block = Array(values[(g * columns * columns)..<((g + 1) * columns * columns)])
                let norm = SpectralNorm(rows: columns, columns: columns, block)
                gates.append(Gate(index: g, spectralNorm: norm.value, spectralNormBound: norm.bound,
                                  explodingThreshold: 1 / gamma, mayExplode: norm.value > 1 / gamma))
            }
        }
    }
}
