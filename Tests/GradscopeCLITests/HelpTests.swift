import ArgumentParser
import GradscopeGallery
import Testing
@testable import GradscopeCLI

@Suite struct HelpTests {
    @Test("The root help names the tool's purpose and every subcommand")
    func rootHelp() {
        let help = Gradscope.helpMessage()
        #expect(help.contains("explode or vanish"))
        // Every subcommand listed once and only once, in order: the names that start a line under SUBCOMMANDS.
        let section = help.components(separatedBy: "SUBCOMMANDS:").last!.components(separatedBy: "\n\n")[0]
        let listed = section.split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .map { String($0.split(separator: " ")[0]) }
        #expect(listed == ["tour", "plot", "chain", "overflow", "autopsy", "surface", "train", "layers", "phase", "spectrum",
                           "serve", "claims", "scan", "inspect", "activations"])
        #expect(Gradscope.configuration.subcommands.map { $0.configuration.commandName ?? "" } == listed)
    }

    @Test("No command's discussion breaks a sentence across lines: argument-parser wraps it to the terminal")
    func discussionsWrap() {
        for command in Gradscope.configuration.subcommands {
            let discussion = command.configuration.discussion
            // A line break followed by a lowercase letter or an opening bracket is a break in mid-sentence.
            let broken = discussion.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
                .filter { line in line.first.map { $0.isLowercase || $0 == "(" } ?? false }
            #expect(broken.isEmpty, "\(command.configuration.commandName ?? ""): \(broken.prefix(2))")
        }
    }

    @Test("chain's help documents its options and an example")
    func chainHelp() {
        let help = Gradscope.helpMessage(for: ChainCommand.self)
        for option in ["--activation", "--weight", "--bias", "--depth", "--at", "--first-bias", "--precision", "--format"] {
            #expect(help.contains(option), "missing \(option)")
        }
        #expect(help.contains("gradscope chain --activation relu --weight 8 --depth 3 --at 1"))
    }

    @Test("overflow's help documents --max-depth and the null convention")
    func overflowHelp() {
        let help = Gradscope.helpMessage(for: OverflowCommand.self)
        #expect(help.contains("--max-depth"))
        #expect(help.contains("null in JSON"))
    }
}

@Suite struct TourAndPlotHelpTests {
    @Test("tour is the default command and documents --out, --open and --figure")
    func tourHelp() {
        #expect(Gradscope.configuration.defaultSubcommand == TourCommand.self)
        let help = Gradscope.helpMessage(for: TourCommand.self)
        for option in ["--out", "--open", "--figure", "--no-report"] { #expect(help.contains(option)) }
    }

    @Test("plot's help documents the formula forms, the CSV columns and an example")
    func plotHelp() {
        let help = Gradscope.helpMessage(for: PlotCommand.self)
        for text in ["--param", "--depth", "--depths", "--first-layer", "--x", "--points", "--out", "d_<param>", "gradscope plot 'relu(w*x)' --param w=8 --depth 3"] {
            #expect(help.contains(text), "missing \(text)")
        }
    }

    @Test("tour --figure accepts S1…S8 and ids, and refuses others in one line")
    func tourFigure() throws {
        #expect(try TourCommand.parse(["--figure", "S7"]).figure == "S7")
        #expect(Tour.figureID(named: "S7", among: ["s7-rnn-weight-0-7"]) == "s7-rnn-weight-0-7")
        #expect(Tour.figureID(named: "s3-minefield", among: ["s3-minefield"]) == "s3-minefield")
        #expect(throws: (any Error).self) { try TourCommand.parse(["--figure", "S9"]) }
    }
}
