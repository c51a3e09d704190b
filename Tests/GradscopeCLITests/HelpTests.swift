import Testing
@testable import GradscopeCLI

@Suite struct HelpTests {
    @Test("The root help names the tool's purpose")
    func rootHelp() {
        let help = Gradscope.helpMessage()
        #expect(help.contains("explode or vanish"))
    }
}
