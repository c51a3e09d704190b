/// A checkpoint that cannot be read, said in one line naming the file and the tensor or byte offset.
///
/// ```swift
/// throw CheckpointError(file: "model.safetensors", "tensor 'w' ends at byte 4096, past the data buffer's 4000 bytes.")
/// // model.safetensors: tensor 'w' ends at byte 4096, past the data buffer's 4000 bytes.
/// ```
public struct CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path as the user gave it (or as the index named it).
    public var file: String
    /// The rest of the sentence, ending with a period.
    public var message: String

    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
