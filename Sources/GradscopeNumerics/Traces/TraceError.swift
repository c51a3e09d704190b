/// Why a trace or a training log cannot be read, in one line that names the file, the problem and the fix.
///
///     'run.gstrace' is corrupt or truncated (SQLite: database disk image is malformed). Record the run again.
public struct TraceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
