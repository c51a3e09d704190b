import ArgumentParser
import Testing
@testable import GradscopeCLI

@Suite struct HelpTests {
    @Test("The root help names the tool's purpose and every subcommand")
    func rootHelp() {
        let help = Gradscope.helpMessage()
        #expect(help.contains("explode or vanish"))
        for name in ["chain", "overflow"] { #expect(help.contains(name)) }
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
