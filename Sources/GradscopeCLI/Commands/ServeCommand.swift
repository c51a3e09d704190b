import ArgumentParser
import Foundation
import Hummingbird
import NIOCore
import GradscopeCore
import GradscopeGallery
import GradscopeServer

/// `gradscope serve`: the explorer in the browser.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Open the explorer: the post's figures as live controls in the browser.",
        discussion: """
        Serves one page (no network needed) and a JSON/SVG/CSV API, listed at /api. Binds the \
        loopback address unless --host says otherwise; --port 0 picks a free port. Ctrl-C stops it.

        With --trace FILE the page also shows a trace (as gradscope inspect FILE reads it): the first \
        Inf/NaN, its cause, the remedies and the heatmaps, re-read every few seconds while a probe writes it; \
        /api/trace is then gradscope inspect FILE --format json. The trace is only read, never written.

        Example: gradscope serve --port 8080, then open http://127.0.0.1:8080/
        """
    )

    @Option(help: "The address to listen on (127.0.0.1: this machine only).")
    var host: String = "127.0.0.1"

    @Option(help: "The port (0: any free port).")
    var port: Int = 8080

    @Flag(help: "Log every request.")
    var verbose = false

    @Option(help: "A trace (.gstrace) to show in the page and at /api/trace, re-read every few seconds while it is written.")
    var trace: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw CommandError("--port must be between 0 and 65535, got \(port).") }
        guard !host.isEmpty else { throw CommandError("--host must not be empty; use 127.0.0.1 for this machine only.") }
    }

    func run() async throws {
        let host = host
        let watch = try trace.map { path in
            do { return try TraceWatch(path: path) } catch let error as TraceError { throw CommandError(error.message) }
            catch let error as SettingsError { throw CommandError(error) }
        }
        let app = buildApplication(
            ApplicationConfiguration(address: .hostname(host, port: port), serverName: "gradscope"),
            trace: watch,
            logLevel: verbose ? .info : .notice,
            onServerRunning: { port in
                let shown = host.contains(":") ? "[\(host)]" : host
                // Written unbuffered, so a script reading a pipe sees the address at once.
                FileHandle.standardOutput.write(Data("Gradscope explorer at http://\(shown):\(port)/ (Ctrl-C to stop)\n".utf8))
            })
        do {
            try await app.runService()
        } catch {
            throw Self.listenError(error, host: host, port: port) ?? error
        }
    }

    /// One line with the fix when the server cannot listen: the port is taken or privileged,
    /// or the host is not an address of this machine; nil for any other error.
    static func listenError(_ error: any Error, host: String, port: Int) -> CommandError? {
        if let error = error as? IOError {
            switch error.errnoCode {
            case EADDRINUSE: return CommandError("Port \(port) is in use; pass --port 0 for any free port.")
            case EACCES: return CommandError("Port \(port) needs administrator rights; pass a port above 1023, or --port 0 for any free port.")
            case EADDRNOTAVAIL: return CommandError("\(host) is not an address of this machine; pass --host 127.0.0.1.")
            default: return nil
            }
        }
        if error is SocketAddressError {
            return CommandError("Cannot resolve --host '\(host)'; pass an address such as 127.0.0.1.")
        }
        return nil
    }
}
