import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GradscopeServer

/// Every kind of bad input is a 400 (or 404) JSON error naming the parameter and the allowed range.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var uri: String
        var parameter: String?
        var fragment: String
        var status: HTTPResponse.Status = .badRequest
        var testDescription: String { uri }
    }

    static let badQueries: [Case] = [
        // out of range
        Case(uri: "/api/curves?depth=5000", parameter: "depth", fragment: "depth must be an integer between 1 and 1000, got 5000."),
        Case(uri: "/api/curves?depth=0", parameter: "depth", fragment: "between 1 and 1000, got 0."),
        Case(uri: "/api/curves?points=1", parameter: "points", fragment: "points must be an integer between 2 and 5000, got 1."),
        Case(uri: "/api/curves?points=100000", parameter: "points", fragment: "between 2 and 5000"),
        Case(uri: "/api/curves?points=5000&depth=1000", parameter: "points", fragment: "points × depth must be at most 2000000, got 5000 × 1000"),
        Case(uri: "/api/curves?formula=tanh(tanh(tanh(tanh(tanh(tanh(x))))))&depth=1000&points=2000", parameter: "points",
             fragment: "The formula has 6 operations per layer; points × depth × operations must be at most 10000000"),
        Case(uri: "/api/curves?weight=1e300", parameter: "weight", fragment: "weight must be a finite number between -1e6 and 1e6, got 1e300."),
        Case(uri: "/api/chain?depth=1001", parameter: "depth", fragment: "between 1 and 1000"),
        Case(uri: "/api/overflow?depth=20000", parameter: "depth", fragment: "between 1 and 10000"),
        Case(uri: "/api/curves?depth=3&depths=1,4", parameter: "depths", fragment: "depths between 1 and depth = 3"),
        Case(uri: "/api/curves?depth=100&depths=" + (1...21).map(String.init).joined(separator: ","), parameter: "depths", fragment: "1 to 20 comma-separated"),
        // garbled
        Case(uri: "/api/curves?depth=three", parameter: "depth", fragment: "got 'three'."),
        Case(uri: "/api/curves?depth=2.5", parameter: "depth", fragment: "an integer"),
        Case(uri: "/api/curves?weight=nan", parameter: "weight", fragment: "a finite number"),
        Case(uri: "/api/curves?weight=inf", parameter: "weight", fragment: "a finite number"),
        Case(uri: "/api/curves?x=1:-1", parameter: "x", fragment: "an interval A:B with A < B"),
        Case(uri: "/api/curves?x=-1", parameter: "x", fragment: "an interval"),
        Case(uri: "/api/curves?x=nan:1", parameter: "x", fragment: "an interval"),
        Case(uri: "/api/curves?precision=float8", parameter: "precision", fragment: "one of float16, bfloat16, float32, float64, float8_e4m3fn, float8_e5m2, float6_e3m2fn, float6_e2m3fn, float4_e2m1fn, got 'float8'."),
        Case(uri: "/api/curves?activation=tanhh", parameter: "activation", fragment: "Did you mean 'tanh'?"),
        Case(uri: "/api/curves?bias=half", parameter: "bias", fragment: "or -w/2"),
        Case(uri: "/api/curves?depth=%zz", parameter: "depth", fragment: "garbled percent escape"),
        Case(uri: "/api/curves?depth=%FF", parameter: "depth", fragment: "garbled percent escape"),
        Case(uri: "/api/curves?%zz=1", parameter: nil, fragment: "garbled parameter name"),
        Case(uri: "/api/curves.svg?chart=pie", parameter: "chart", fragment: "one of values, slopes, both"),
        // unknown and repeated
        Case(uri: "/api/curves?dept=5", parameter: "dept", fragment: "Unknown parameter 'dept'. Did you mean 'depth'?"),
        Case(uri: "/api/chain?formula=x", parameter: "formula", fragment: "Unknown parameter 'formula'"),
        Case(uri: "/api/figures?x=1", parameter: "x", fragment: "Unknown parameter 'x'"),
        Case(uri: "/api/curves?depth=3&depth=4", parameter: "depth", fragment: "given more than once"),
        Case(uri: "/api/curves?weight=" + String(repeating: "1", count: 101), parameter: "weight", fragment: "at most 100 characters"),
        Case(uri: "/api/curves?formula=" + String(repeating: "x", count: 501), parameter: "formula", fragment: "at most 500 characters"),
        // formula parameters
        Case(uri: "/api/curves?formula=tanh(k*x)", parameter: "param.k", fragment: "Add param.k=VALUE"),
        Case(uri: "/api/curves?formula=x&param.x=1", parameter: "param.x", fragment: "the input variable"),
        Case(uri: "/api/curves?formula=x&param.k=big", parameter: "param.k", fragment: "param.k must be a finite number"),
        Case(uri: "/api/chain?weight=0x10", parameter: "weight", fragment: "weight must be a finite number"),
        Case(uri: "/api/chain?weight=inf", parameter: "weight", fragment: "weight must be a finite number"),
        Case(uri: "/api/chain?at=1e", parameter: "at", fragment: "at must be a finite number"),
        Case(uri: "/api/curves?param.w=1", parameter: "formula", fragment: "need a formula"),
    ]

    @Test("A query number is a plain decimal: signs, points and exponents yes; hexadecimal, inf, nan and fragments no")
    func decimalNumbers() {
        let accepted = ["0", "-4", "+2", "0.5", ".5", "5.", "-2.374", "1e-3", "1E+6", "8"]
        let refused = ["0x10", "0X1p3", "inf", "-inf", "nan", "infinity", "1e", "e5", ".", "-", "", "1.2.3", "1e5.0", " 1", "1 ", "٣"]
        #expect(accepted.filter { !QueryReader.isDecimal($0) } == [])
        #expect(refused.filter { QueryReader.isDecimal($0) } == [])
    }

    @Test("Bad parameters are 400s that name the parameter", arguments: badQueries)
    func badQuery(_ bad: Case) async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: bad.uri, method: .get) { response in
                #expect(response.status == bad.status)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let body = try TestApp.decode(ErrorBody.self, response.body)
                #expect(body.error.contains(bad.fragment), "\(body.error)")
                #expect(body.error.hasSuffix(".") || body.error.hasSuffix("?"), "\(body.error)")
                #expect(body.parameter == bad.parameter)
            }
        }
    }

    static let badFormulas: [(formula: String, column: Int, fragment: String)] = [
        ("tanhh(x)", 1, "Did you mean 'tanh'?"),
        ("tanh(w*x", 5, "Unclosed '('"),
        ("relu(w*x))", 10, "Unexpected ')'"),
        ("\\text{tanh}(w \\times )", 15, "Missing operand"),
        ("\\foo{x}", 1, "Unknown LaTeX command"),
        ("w*x @", 5, "Unexpected character '@'"),
    ]

    @Test("A bad formula is a 400 with its column", arguments: badFormulas)
    func badFormula(_ bad: (formula: String, column: Int, fragment: String)) async throws {
        let encoded = bad.formula.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await TestApp.make().test(.router) { client in
            for path in ["/api/curves", "/api/view", "/api/curves.svg", "/api/curves.csv", "/api/view/layers.svg", "/api/view/layers.csv"] {
                try await client.execute(uri: "\(path)?formula=\(encoded)&weight=8", method: .get) { response in
                    #expect(response.status == .badRequest)
                    let body = try TestApp.decode(ErrorBody.self, response.body)
                    #expect(body.parameter == "formula")
                    #expect(body.column == bad.column, "\(body.error)")
                    #expect(body.error.contains(bad.fragment), "\(body.error)")
                    #expect(body.error.contains("column \(bad.column)"), "\(body.error)")
                }
            }
        }
    }

    @Test("A bad first-layer formula names 'first'")
    func badFirstLayer() async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: "/api/curves?formula=x&first=sig(", method: .get) { response in
                let body = try TestApp.decode(ErrorBody.self, response.body)
                #expect(body.parameter == "first" && body.column == 4)
            }
        }
    }

    static let unknownRoutes = [
        "/nope", "/api/nope", "/api/curves.png", "/../Package.swift", "/%2e%2e/Package.swift", "/%2e%2e%2fPackage.swift",
        "/explorer.js/../../Package.swift", "/..%2f..%2fetc%2fpasswd", "/Sources/GradscopeServer/Application+build.swift",
        "/etc/passwd", "//etc/passwd", "/api/../Package.swift", "/.git/config", "/explorer.css%00.swift",
    ]

    @Test("Unknown routes and path traversal attempts are JSON 404s, never files", arguments: unknownRoutes)
    func unknownRoute(_ uri: String) async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                let text = String(buffer: response.body)
                #expect(!text.contains("swift-tools-version") && !text.contains("root:"))
                let body = try TestApp.decode(ErrorBody.self, response.body)
                #expect(body.error.hasPrefix("No page or endpoint at GET"))
            }
        }
    }

    @Test("Other methods are refused")
    func otherMethods() async throws {
        try await TestApp.make().test(.router) { client in
            for method: HTTPRequest.Method in [.post, .put, .delete] {
                try await client.execute(uri: "/api/curves", method: method, body: ByteBuffer(string: "{}")) { response in
                    #expect([.notFound, .methodNotAllowed].contains(response.status))
                    let body = try TestApp.decode(ErrorBody.self, response.body)
                    #expect(!body.error.isEmpty)
                }
            }
        }
    }

    @Test("Query decoding: +, %XX and unknown names")
    func queryReader() throws {
        let query = try QueryReader(query: "formula=a+%2B+b&depth=3&&x=", allowed: ["formula", "depth", "x"])
        #expect(query.text("formula") == "a + b")
        #expect(query.text("x") == nil)
        #expect(throws: APIError.self) { try QueryReader(query: "foo", allowed: ["depth"]) }
    }
}
