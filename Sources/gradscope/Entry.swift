import GradscopeCLI

/// The executable: every command lives in GradscopeCLI.
@main
struct Entry {
    static func main() async {
        await Gradscope.main(nil as [String]?)
    }
}
