import ArgumentParser
import Testing
@testable import GradscopeCLI

@Suite struct ServeCommandTests {
    @Test("serve binds the loopback address on port 8080 unless told otherwise")
    func defaults() throws {
        let command = try #require(try Gradscope.parseAsRoot(["serve"]) as? ServeCommand)
        #expect(command.host == "127.0.0.1")
        #expect(command.port == 8080)
    }

    @Test("serve's help documents --host, --port and the API index")
    func help() {
        let help = Gradscope.helpMessage(for: ServeCommand.self)
        for text in ["--host", "--port", "127.0.0.1", "/api", "--port 0"] { #expect(help.contains(text), "missing \(text)") }
        #expect(Gradscope.helpMessage().contains("serve"))
    }

    @Test("A port outside 0…65535 is a one-line error", arguments: ["70000", "-1"])
    func badPort(_ port: String) {
        #expect(throws: (any Error).self) { try Gradscope.parseAsRoot(["serve", "--port=\(port)"]) }
        let message = Gradscope.message(for: CommandError("--port must be between 0 and 65535, got \(port)."))
        #expect(message.contains("--port must be between 0 and 65535"))
    }
}
