import Foundation
import Testing

/// Every subcommand's bad values, run through the built binary: one line on stderr starting
/// "Error: ", nothing on stdout, exit code 1, and no file left behind (each case also asks for
/// `--out` where the command has it, so a half-written output would show).
@Suite(.enabled(if: BinaryRun.isAvailable, "needs .build/debug/gradscope (swift build --build-tests)"))
struct BadValueTests {
    /// (arguments, a phrase the message must contain)
    static let cases: [([String], String)] = [
        // the root
        (["frob"], "Unknown command 'frob'"),
        (["--frob"], "--frob"),
        // tour
        (["tour", "--figure", "S9", "--out", "r"], "Unknown figure 'S9'"),
        (["tour", "--out"], "--out"),
        // plot
        (["plot", "x", "--depth", "abc", "--out", "p.csv"], "--depth does not take 'abc'"),
        (["plot", "x", "--depth", "1.5", "--out", "p.csv"], "--depth does not take '1.5'"),
        (["plot", "x", "--depth", "-1", "--out", "p.csv"], "--depth must be between 1"),
        (["plot", "x", "--depth", "0", "--out", "p.csv"], "--depth must be between 1"),
        (["plot", "x", "--points", "1e9", "--out", "p.csv"], "--points does not take '1e9'"),
        (["plot", "x", "--points", "1", "--out", "p.csv"], "--points"),
        (["plot", "x", "--x", "1:0", "--out", "p.csv"], "--x needs A < B, got 1:0"),
        (["plot", "x", "--x", "1:1", "--out", "p.csv"], "--x needs A < B, got 1:1"),
        (["plot", "x", "--x", "nan:1", "--out", "p.csv"], "--x needs finite A and B"),
        (["plot", "x", "--x", "-1e308:1e308", "--out", "p.csv"], "--x needs a width B − A below 1.8e308"),
        (["plot", "x", "--x", "abc", "--out", "p.csv"], "--x does not take 'abc'; --x: The x range A:B"),
        (["plot", "x", "--precision", "float8", "--out", "p.csv"], "--precision does not take 'float8'"),
        (["plot", "x", "--format", "xml", "--out", "p.csv"], "--format does not take 'xml'"),
        (["plot", "x", "--deph", "3"], "Did you mean '--depth'?"),
        (["plot", "x", "--depths", "1,,2", "--out", "p.csv"], "--depths"),
        (["plot", "tanhh(x)", "--out", "p.csv"], "Did you mean 'tanh'?"),
        (["plot", "1e999*x", "--out", "p.csv"], "too large for a 64-bit float"),
        (["plot", "w(x+1)", "--param", "w=2", "--out", "p.csv"], "for a product write 'w*(x+1)'"),
        (["plot", "wx", "--out", "p.csv"], "For a product write 'w*x'"),
        (["plot", "wx", "--param", "w=2", "--out", "p.csv"], "For a product write 'w*x'"),
        (["plot", "x\u{1}", "--out", "p.csv"], "\\u{1}"),
        (["plot", String(repeating: "(", count: 101) + "x" + String(repeating: ")", count: 101), "--out", "p.csv"], "more than 100 levels"),
        (["plot", String(repeating: "(", count: 100_000), "--out", "p.csv"], "the limit is 10000"),
        (["plot", "x" + String(repeating: "+x", count: 5_000), "--out", "p.csv"], "the limit is 10000"),
        (["plot", String(repeating: "x", count: 5_000), "--out", "p.csv"], "(5000 characters)"),
        (["plot", "x", "--param", "w", "--out", "p.csv"], "--param"),
        (["plot", "x", "--out", "p.txt"], "Give --out a file ending in .svg, .csv or .json"),
        // chain
        (["chain", "--depth", "abc", "--out", "c.csv"], "--depth does not take 'abc'"),
        (["chain", "--depth", "-1", "--out", "c.csv"], "--depth"),
        (["chain", "--activation", "foo", "--out", "c.csv"], "Unknown activation 'foo'"),
        (["chain", "--weight", "nan", "--out", "c.csv"], "--weight"),
        (["chain", "--deph", "3"], "Did you mean '--depth'?"),
        (["chain", "--at"], "--at"),
        // overflow
        (["overflow", "--max-depth", "-5", "--out", "o.csv"], "--max-depth"),
        (["overflow", "--max-depth", "2e6", "--out", "o.csv"], "--max-depth does not take '2e6'"),
        (["overflow", "--precision", "float8", "--out", "o.csv"], "--precision does not take 'float8'"),
        // autopsy
        (["autopsy", "--depth", "0", "--out", "a.svg"], "--depth"),
        (["autopsy", "--model", "foo", "--out", "a.svg"], "--model does not take 'foo'"),
        (["autopsy", "--init", "foo", "--out", "a.svg"], "Unknown initialiser 'foo'"),
        (["autopsy", "--steps", "-3", "--out", "a.svg"], "--steps"),
        (["autopsy", "--x", "1:0", "--out", "a.svg"], "--x needs A < B, got 1:0"),
        (["autopsy", "--data", "/dev/null", "--out", "a.svg"], "--data"),
        (["autopsy", "--data", "missing.csv", "--out", "a.svg"], "--data"),
        (["autopsy", "--log", "l.txt"], "--log"),
        // surface
        (["surface", "--grid", "1", "--out", "s.csv"], "--grid"),
        (["surface", "--grid", "abc", "--out", "s.csv"], "--grid does not take 'abc'"),
        (["surface", "--w", "5:1", "--out", "s.csv"], "--w needs A < B, got 5:1"),
        (["surface", "--b", "-1e308:1e308", "--out", "s.csv"], "--b needs a width"),
        (["surface", "--steps", "0", "--out", "s.csv"], "--steps"),
        (["surface", "--loss", "foo", "--out", "s.csv"], "--loss does not take 'foo'"),
        // train
        (["train", "--task", "foo", "--out", "t.svg"], "--task does not take 'foo'"),
        (["train", "--model", "gru2", "--out", "t.svg"], "--model does not take 'gru2'"),
        (["train", "--hidden", "0", "--out", "t.svg"], "--hidden"),
        (["train", "--length", "-5", "--out", "t.svg"], "--length"),
        (["train", "--optimizer", "foo", "--out", "t.svg"], "--optimizer does not take 'foo'"),
        // layers
        (["layers", "--width", "0", "--out", "l.csv"], "--width"),
        (["layers", "--depth", "1", "--out", "l.csv"], "--depth"),
        (["layers", "--init", "foo", "--out", "l.csv"], "foo"),
        // phase
        (["phase", "--sigma-w2", "5:1", "--out", "ph.csv"], "--sigma-w2 needs A < B, got 5:1"),
        (["phase", "--grid", "1", "--out", "ph.csv"], "--grid"),
        (["phase", "--colour", "red", "--out", "ph.csv"], "--colour does not take 'red'"),
        // spectrum
        (["spectrum", "--width", "1", "--out", "sp.csv"], "--width"),
        (["spectrum", "--depth", "abc", "--out", "sp.csv"], "--depth does not take 'abc'"),
        // work caps (issue 10, item 6): the cost and the limit in one line
        (["surface", "--grid", "2048", "--format", "json", "--out", "s.json"], "--grid must be between 2 and 1024"),
        (["surface", "--grid", "1024", "--steps", "10000", "--out", "s.csv"], "is 10485760000 recurrence steps; the limit is 1000000000"),
        (["autopsy", "--depth", "10000", "--steps", "1000000", "--out", "a.svg"], "is 16800000000000 operations; the limit is 500000000"),
        (["autopsy", "--depth", "1", "--points", "1", "--steps", "1000000", "--out", "a.svg"], "needs about 1856 MB of memory; the limit is 500 MB"),
        (["train", "--hidden", "4096", "--length", "10000", "--batch", "1024", "--out", "t.svg"], "needs about 671088 MB of memory; the limit is 500 MB"),
        (["train", "--steps", "100000", "--out", "t.svg"], "is 3932160000000 multiply-adds; the limit is 1000000000000"),
        (["phase", "--grid", "201", "--trainability", "--max-depth", "1000", "--out", "ph.csv"], "is 2002250000 multiply-adds; the limit is 600000000"),
        (["spectrum", "--width", "400", "--depth", "500", "--out", "sp.csv"], "is 128000000000 multiply-adds; the limit is 10000000000"),
        // serve
        (["serve", "--port", "abc"], "--port does not take 'abc'"),
        (["serve", "--port", "-1"], "--port"),
    ]

    @Test("A bad value: one line, exit 1, no file left behind", arguments: cases)
    func badValue(arguments: [String], phrase: String) throws {
        let (run, folder) = try BinaryRun.run(arguments)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(run.status == 1, "\(arguments): exit \(run.status)")
        #expect(run.stdout.isEmpty, "\(arguments): printed \(run.stdout.prefix(200))")
        #expect(run.stderr.hasPrefix("Error: "), "\(arguments): \(run.stderr.prefix(300))")
        #expect(run.stderr.filter { $0 == "\n" }.count == 1 && run.stderr.hasSuffix("\n"), "\(arguments): \(run.stderr.prefix(300))")
        #expect(run.stderr.contains(phrase), "\(arguments): \(run.stderr.prefix(300))")
        #expect(run.leftBehind.isEmpty, "\(arguments) left \(run.leftBehind)")
    }

    /// (arguments that must be accepted) — negative numbers after a space, the documented spellings.
    static let accepted: [[String]] = [
        ["chain", "--bias", "-4", "--depth", "2", "--format", "csv"],
        ["chain", "--bias=-4", "--depth", "2", "--format", "csv"],
        ["chain", "--bias", "-w/2", "--depth", "2", "--format", "csv"],
        ["plot", "x", "--x", "-1:1", "--points", "3", "--format", "csv"],
        ["plot", "x", "--x=-1:1", "--points", "3", "--format", "csv"],
        ["plot", "-x^2", "--points", "3", "--format", "csv"],
        ["plot", #"\frac12 x"#, "--points", "3", "--format", "csv"],
        ["autopsy", "--model", "mlp", "--init", "he", "--depth", "3", "--width", "2", "--steps", "2", "--format", "csv"],
        ["autopsy", "--model", "mlp", "--initializer", "he", "--depth", "3", "--width", "2", "--steps", "2", "--format", "csv"],
    ]

    @Test("Negative values after a space and the documented spellings are accepted", arguments: accepted)
    func acceptedValue(arguments: [String]) throws {
        let (run, folder) = try BinaryRun.run(arguments)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        #expect(!run.stdout.isEmpty)
    }

    @Test("chain --bias -w/2 is the bias −w/2 (w = 8: −4)")
    func biasExpression() throws {
        let (expression, folder1) = try BinaryRun.run(["chain", "--bias", "-w/2", "--depth", "3", "--format", "csv"])
        let (number, folder2) = try BinaryRun.run(["chain", "--bias", "-4", "--depth", "3", "--format", "csv"])
        defer { try? FileManager.default.removeItem(at: folder1); try? FileManager.default.removeItem(at: folder2) }
        #expect(expression.status == 0 && expression.stdout == number.stdout)
    }

    @Test("--help and --version still print to stdout and exit 0", arguments: [["--help"], ["--version"], ["plot", "--help"], ["chain", "--help"]])
    func helpAndVersion(arguments: [String]) throws {
        let (run, folder) = try BinaryRun.run(arguments)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(run.status == 0)
        #expect(!run.stdout.isEmpty && run.stderr.isEmpty)
    }
}
