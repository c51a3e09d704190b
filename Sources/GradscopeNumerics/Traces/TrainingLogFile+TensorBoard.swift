import Foundation

extension TrainingLogFile {
    /// The largest TFRecord a TensorBoard event file may hold (bytes); longer lengths are refused before allocating.
    public static let recordLimit = 64 << 20

    /// The tags read by default, most specific first, for each series.
    public static let defaultTags: [String: [String]] = [
        "loss": ["train/loss", "loss", "train_loss", "training_loss", "Loss/train", "train/train_loss", "training/loss"],
        "gradNorm": ["train/grad_norm", "grad_norm", "gradient_norm", "train/gradient_norm", "grad-norm", "grad_norm/total", "train/global_grad_norm"],
        "learningRate": ["train/learning_rate", "learning_rate", "lr", "train/lr"],
        "scale": ["train/loss_scale", "loss_scale", "scaler/scale", "amp/loss_scale", "grad_scale"],
    ]

    /// Reads TensorBoard event files (one file, or every `events.out.tfevents.*` file in a folder):
    /// the TFRecord framing with its masked CRC-32C (each length and checksum checked before the
    /// record is used), `Event.summary.value` scalars written as `simple_value` (PyTorch's
    /// `SummaryWriter`) or as a scalar `TensorProto` (TF2's `tf.summary.scalar`).
    ///
    /// - Parameter tags: the tag for each series (`loss`, `gradNorm`, `learningRate`, `scale`);
    ///   a series without one takes the first of ``defaultTags`` that the files hold.
    /// - Throws: ``TraceError`` naming the file and byte offset of a bad record.
    public init(tensorBoardAt path: String, tags chosen: [String: String] = [:]) throws(TraceError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw TraceError("'\(path)' does not exist. Give an events.out.tfevents.* file or its folder.")
        }
        var files = [path]
        if isFolder.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasPrefix("events.out.tfevents") }.sorted().map { (path as NSString).appendingPathComponent($0) }
            guard !files.isEmpty else {
                throw TraceError("'\(path)' holds no events.out.tfevents.* file. Give the folder SummaryWriter wrote to.")
            }
        }
        var scalars: [String: [(step: Int, value: Double)]] = [:]
        for file in files {
            try Self.readScalars(file) { tag, step, value in scalars[tag, default: []].append((step, value)) }
        }
        var tags: [String: String] = [:]
        for (series, candidates) in Self.defaultTags {
            if let tag = chosen[series] {
                guard scalars[tag] != nil else {
                    let known = scalars.keys.sorted().prefix(12).joined(separator: ", ")
                    throw TraceError("'\(path)' has no scalar tag '\(tag)'. Its tags: \(known.isEmpty ? "none" : known).")
                }
                tags[series] = tag
            } else if let tag = candidates.first(where: { scalars[$0] != nil }) {
                tags[series] = tag
            }
        }
        var entries: [Entry] = []
        for (series, tag) in tags {
            for (step, value) in scalars[tag] ?? [] {
                var e = Entry(step: step)
                switch series {
                case "loss": e.loss = value
                case "gradNorm": e.gradientNorm = value
                case "learningRate": e.learningRate = value
                default: e.scale = value
                }
                entries.append(e)
            }
        }
        self.init(path: path, source: .tensorBoard, tags: tags, entries: Self.merged(entries))
    }

    /// Calls `body(tag, step, value)` for every scalar summary value of one event file.
    static func readScalars(_ path: String, _ body: (String, Int, Double) -> Void) throws(TraceError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw TraceError("Cannot read '\(path)'. Check that it is a readable file.")
        }
        let bytes = [UInt8](data)
        var offset = 0
        while offset < bytes.count {
            func bad(_ what: String) -> TraceError {
                TraceError("'\(path)' is not a valid TensorBoard event file: \(what) at byte \(offset). Give the file SummaryWriter wrote, or truncate it before that byte.")
            }
            guard bytes.count - offset >= 12 else { throw bad("a record header is cut short") }
            let header = bytes[offset..<offset + 8]
            var length: UInt64 = 0
            for k in 0..<8 { length |= UInt64(header[offset + k]) << UInt64(8 * k) }
            guard CRC32C.masked(header) == Self.uint32(bytes, offset + 8) else { throw bad("the length's checksum does not match") }
            guard length <= UInt64(recordLimit) else { throw bad("a record of \(length) bytes (more than \(recordLimit))") }
            let start = offset + 12, end = start + Int(length)
            guard end + 4 <= bytes.count else { throw bad("a record of \(length) bytes runs past the end of the file") }
            guard CRC32C.masked(bytes[start..<end]) == Self.uint32(bytes, end) else { throw bad("the record's checksum does not match") }
            do {
                try Self.event(bytes[start..<end], body)
            } catch {
                throw bad("the event is malformed (\(error.reason))")
            }
            offset = end + 4
        }
    }

    private static func uint32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << UInt32(8 * $1) }
    }

    /// `Event { int64 step = 2; Summary summary = 5; }`, `Summary { repeated Value value = 1; }`,
    /// `Value { string tag = 1; float simple_value = 2; TensorProto tensor = 8; }`.
    private static func event(_ bytes: ArraySlice<UInt8>, _ body: (String, Int, Double) -> Void) throws(ProtobufReader.Malformed) {
        var reader = ProtobufReader(bytes)
        var step = 0
        var summaries: [ArraySlice<UInt8>] = []
        while let field = try reader.next() {
            switch field {
            case .varint(2, let v): step = Int(truncatingIfNeeded: Int64(bitPattern: v))
            case .bytes(5, let s): summaries.append(s)
            default: break
            }
        }
        for summary in summaries {
            var values = ProtobufReader(summary)
            while let field = try values.next() {
                guard case .bytes(1, let value) = field else { continue }
                var tag: String?
                var number: Double?
                var fields = ProtobufReader(value)
                while let f = try fields.next() {
                    switch f {
                    case .bytes(1, let t): tag = String(decoding: t, as: UTF8.self)
                    case .fixed32(2, let bits): number = Double(Float(bitPattern: bits))
                    case .bytes(8, let tensor): number = try scalar(tensor) ?? number
                    default: break
                    }
                }
                if let tag, let number { body(tag, step, number) }
            }
        }
    }

    /// A one-element `TensorProto` of float, double, half, bfloat16, int32 or int64 (`dtype = 1`,
    /// `tensor_content = 4`, `float_val = 5`, `double_val = 6`, `int_val = 7`, `int64_val = 10`,
    /// `half_val = 13`, each packed or not); nil for anything else.
    private static func scalar(_ bytes: ArraySlice<UInt8>) throws(ProtobufReader.Malformed) -> Double? {
        enum DType: UInt64 { case float = 1, double = 2, int32 = 3, int64 = 9, bfloat16 = 14, half = 19 }
        var reader = ProtobufReader(bytes)
        var dtype: DType?
        var content: ArraySlice<UInt8>?
        var values: [Double] = []
        func packed(_ s: ArraySlice<UInt8>, _ decode: (inout ProtobufReader) throws(ProtobufReader.Malformed) -> Double) throws(ProtobufReader.Malformed) {
            var p = ProtobufReader(s)
            while !p.isAtEnd, values.count < 2 { values.append(try decode(&p)) }
        }
        func half(_ bits: UInt64) -> Double {
            dtype == .bfloat16 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits) << 16))
                : Double(Float16(bitPattern: UInt16(truncatingIfNeeded: bits)))
        }
        while let field = try reader.next() {
            switch field {
            case .varint(1, let v): dtype = DType(rawValue: v)
            case .bytes(4, let c): content = c
            case .fixed32(5, let bits): values.append(Double(Float(bitPattern: bits)))
            case .bytes(5, let s):
                guard s.count % 4 == 0 else { throw .init(reason: "packed float_val of \(s.count) bytes") }
                for k in stride(from: s.startIndex, to: s.endIndex, by: 4) where values.count < 2 {
                    values.append(Double(Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(s[k + $1]) << UInt32(8 * $1) })))
                }
            case .fixed64(6, let bits): values.append(Double(bitPattern: bits))
            case .bytes(6, let s):
                guard s.count % 8 == 0 else { throw .init(reason: "packed double_val of \(s.count) bytes") }
                var k = s.startIndex
                while k < s.endIndex, values.count < 2 {
                    values.append(Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(s[k + $1]) << UInt64(8 * $1) }))
                    k += 8
                }
            case .varint(7, let v), .varint(10, let v): values.append(Double(Int64(bitPattern: v)))
            case .bytes(7, let s), .bytes(10, let s):
                try packed(s) { (p: inout ProtobufReader) throws(ProtobufReader.Malformed) in Double(Int64(bitPattern: try p.varint())) }
            case .varint(13, let v): values.append(half(v))
            case .bytes(13, let s): try packed(s) { (p: inout ProtobufReader) throws(ProtobufReader.Malformed) in half(try p.varint()) }
            default: break
            }
        }
        guard let dtype else { return nil }
        if let content {
            let width = switch dtype { case .float, .int32: 4; case .double, .int64: 8; case .half, .bfloat16: 2 }
            guard content.count == width else { return nil }
            let bits = content.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
            return switch dtype {
            case .float: Double(Float(bitPattern: UInt32(bits)))
            case .double: Double(bitPattern: bits)
            case .int32: Double(Int32(bitPattern: UInt32(bits)))
            case .int64: Double(Int64(bitPattern: bits))
            case .half, .bfloat16: half(bits)
            }
        }
        return values.count == 1 ? values[0] : nil
    }
}
