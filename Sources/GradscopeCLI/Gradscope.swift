import ArgumentParser

/// The `gradscope` command: see why gradients explode or vanish.
public struct Gradscope: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gradscope",
        abstract: "See why a network's gradients explode or vanish, and where it turns into NaNs.",
        version: "0.1.0",
        subcommands: []
    )

    public init() {}
}
