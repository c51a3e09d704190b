import Foundation

extension TrainingLogFile {
    /// The largest `trainer_state.json` read (bytes).
    public static let trainerStateLimit = 256 << 20

    /// Reads a Hugging Face Trainer's `trainer_state.json`: the `log_history` rows with `step` and
    /// any of `loss`, `grad_norm`, `learning_rate`. Python's `json` writes bare `NaN`, `Infinity` and
    /// `-Infinity` tokens, which strict JSON refuses; they are read as NaN and ±Inf. Evaluation rows
    /// (`eval_loss` without `loss`) are left out.
    ///
    /// - Throws: ``TraceError`` for a missing, oversized or malformed file, or one without `log_history`.
    public init(trainerStateAt path: String) throws(TraceError) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw TraceError("'\(path)' does not exist. Give the path of a trainer_state.json.")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= Self.trainerStateLimit else {
            throw TraceError("'\(path)' is \(size) bytes; a trainer_state.json is read up to \(Self.trainerStateLimit). Give the Trainer's own file.")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TraceError("Cannot read '\(path)'. Check that it is a readable file.")
        }
        try self.init(trainerState: data, path: path)
    }

    public init(trainerState data: Data, path: String) throws(TraceError) {
        struct Row: Decodable {
            var step: Int?
            var loss, gradNorm, learningRate: Double?
            enum Key: String, CodingKey { case step, loss, grad_norm, learning_rate }
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: Key.self)
                step = (try? c.decodeIfPresent(Int.self, forKey: .step)) ?? nil
                loss = (try? c.decodeIfPresent(Double.self, forKey: .loss)) ?? nil
                gradNorm = (try? c.decodeIfPresent(Double.self, forKey: .grad_norm)) ?? nil
                learningRate = (try? c.decodeIfPresent(Double.self, forKey: .learning_rate)) ?? nil
            }
        }
        struct State: Decodable {
            var logHistory: [Row]
            enum CodingKeys: String, CodingKey { case logHistory = "log_history" }
        }
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        let state: State
        do {
            state = try decoder.decode(State.self, from: data)
        } catch DecodingError.keyNotFound(let key, _) where key.stringValue == "log_history" {
            throw TraceError("'\(path)' has no 'log_history': it is not a Trainer's trainer_state.json.")
        } catch {
            throw TraceError("'\(path)' is not valid JSON (\(Self.reason(error))). Give the Trainer's trainer_state.json.")
        }
        let entries = state.logHistory.compactMap { row -> Entry? in
            guard let step = row.step, row.loss != nil || row.gradNorm != nil else { return nil }
            return Entry(step: step, loss: row.loss, gradientNorm: row.gradNorm, learningRate: row.learningRate)
        }
        self.init(path: path, source: .trainerState,
                  tags: ["loss": "loss", "gradNorm": "grad_norm", "learningRate": "learning_rate"],
                  entries: Self.merged(entries))
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return context.underlyingError.map { "\($0)" }?.split(separator: "\n").first.map(String.init) ?? context.debugDescription
        }
        if case DecodingError.typeMismatch(_, let context) = error { return context.debugDescription }
        return "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
    }
}
