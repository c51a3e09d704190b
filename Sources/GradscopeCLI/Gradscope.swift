import ArgumentParser
import Foundation

/// The `gradscope` command: see why gradients explode or vanish.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct Gradscope: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gradscope",
        abstract: "See why a network's gradients explode or vanish, and where it turns into NaNs.",
        version: "0.1.0",
        subcommands: [
            TourCommand.self, PlotCommand.self, ChainCommand.self, OverflowCommand.self, AutopsyCommand.self,
            SurfaceCommand.self, TrainCommand.self, LayersCommand.self, PhaseCommand.self, SpectrumCommand.self,
            ServeCommand.self,
            ClaimsCommand.self,
            ScanCommand.self,
            InspectCommand.self,
            ActivationsCommand.self,
        ],
        defaultSubcommand: TourCommand.self
    )

    public init() {}

    /// Parses and runs a command; every error is ONE line on stderr and exit code 1
    /// (`--help` and `--version` print to stdout and exit 0).
    public static func main(_ arguments: [String]?) async {
        let arguments = CommandLineWords.joiningNegativeValues(arguments ?? Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exitWithOneLine(error, arguments: arguments)
        }
    }

    /// Help, version and clean exits as argument-parser prints them; anything else as
    /// `Error: <one line>` on stderr with exit code 1.
    static func exitWithOneLine(_ error: Error, arguments: [String]) -> Never {
        if exitCode(for: error) == .success { exit(withError: error) }
        if let code = error as? ExitCode { exit(withError: code) }
        FileHandle.standardError.write(Data("Error: \(oneLine(for: error, arguments: arguments))\n".utf8))
        Foundation.exit(1)
    }

    /// The error's message on one line, with the fix: argument-parser's usage block is replaced
    /// by a pointer to the subcommand's `--help`, and control characters are escaped.
    static func oneLine(for error: Error, arguments: [String]) -> String {
        var message = message(for: error)
        if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
        message = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        let command = subcommandName(in: arguments)
        if command == nil, let first = arguments.first, !first.hasPrefix("-") {
            let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
            return CommandLineWords.escaped("Unknown command '\(first)'. The commands are \(names.joined(separator: ", ")); see 'gradscope --help'.")
        }
        message = CommandLineWords.explained(message)
        if message.hasSuffix(".") || message.hasSuffix("?") { return CommandLineWords.escaped(message) }
        if let help = CommandLineWords.optionHelp(in: fullMessage(for: error, columns: 10_000)) {
            message += "; \(help)"
        }
        let pointer = command.map { "gradscope \($0) --help" } ?? "gradscope --help"
        return CommandLineWords.escaped(message + ". See '\(pointer)'.")
    }

    /// The subcommand the words name, if any.
    static func subcommandName(in arguments: [String]) -> String? {
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        return arguments.first { names.contains($0) }
    }
}
