/// A user-input error: printed as one line ("Error: …"), exit code 1, no usage dump.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
