import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import GradscopeCore
import GradscopeGallery
@testable import GradscopeServer

/// Every endpoint answers in memory (`app.test(.router)`) with the right numbers.
@Suite struct EndpointTests {
    func get(_ uri: String, _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in try check(response) }
        }
    }

    @Test("/api/curves: relu w = 8 nested 3 times has slopes 8, 64, 512 for x > 0")
    func curvesRelu() async throws {
        try await get("/api/curves?activation=relu&weight=8&depth=3&x=-1:1&points=401") { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let curves = try TestApp.decode(FormulaCurves.self, response.body)
            #expect(curves.formula == "relu(w*x)")
            #expect(curves.x.count == 401)
            #expect(curves.curves.map(\.depth) == [1, 2, 3])
            for (curve, slope) in zip(curves.curves, [8.0, 64, 512]) {
                #expect(curve.dydx.last == slope)
                #expect(curve.dydx.first == 0)
            }
        }
    }

    @Test("/api/curves: a LaTeX formula with param.w equals the chain controls")
    func curvesLaTeX() async throws {
        let latex = "\\text{tanh}(w \\times x)".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await get("/api/curves?formula=\(latex)&param.w=8&depth=3&x=-1:1&points=201&precision=float32") { response in
            #expect(response.status == .ok)
            let curves = try TestApp.decode(FormulaCurves.self, response.body)
            #expect(curves.precision == .float32)
            #expect(curves.parameters == ["w": 8])
            #expect(curves.curves[2].dydx[100] == 512)  // x = 0: tanh'(0) = 1, so 8^3
        }
    }

    @Test("A '+' in a query value is a space (HTML forms); %2B is a plus")
    func plusDecoding() async throws {
        try await get("/api/curves?formula=relu(w*x+%2B+b)&param.w=2&param.b=1&depth=1&x=0:1&points=2") { response in
            #expect(response.status == .ok)
            let curves = try TestApp.decode(FormulaCurves.self, response.body)
            #expect(curves.curves[0].y == [1, 3])
        }
    }

    @Test("/api/curves: b = −w/2 is the post's S5, slope 2^L at x = 0")
    func curvesS5() async throws {
        try await get("/api/curves?activation=sigmoid&weight=8&bias=-w%2F2&depth=3&x=-1:1&points=3") { response in
            let curves = try TestApp.decode(FormulaCurves.self, response.body)
            #expect(curves.firstLayer == "sigmoid(w*x)")
            #expect(curves.curves.map { $0.dydx[1] } == [2, 4, 8])
        }
    }

    @Test("/api/curves shows 1, 2, 3 and every quarter of a deep chain; depths= picks others")
    func depthSubsets() async throws {
        try await get("/api/curves?activation=tanh&depth=100&points=11") { response in
            let curves = try TestApp.decode(FormulaCurves.self, response.body)
            #expect(curves.curves.map(\.depth) == [1, 2, 3, 25, 50, 75, 100])
        }
        try await get("/api/curves?activation=tanh&depth=100&depths=5,1,100&points=11") { response in
            let curves = try TestApp.decode(FormulaCurves.self, response.body)
            #expect(curves.curves.map(\.depth) == [1, 5, 100])
        }
    }

    @Test("/api/curves writes overflowed values as \"Infinity\"")
    func curvesOverflow() async throws {
        try await get("/api/curves?activation=linear&weight=300&depth=20&depths=20&precision=float16&x=0.5:1&points=2") { response in
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(text.contains("\"Infinity\""))
            let curves = try TestApp.decode(FormulaCurves.self, response.body)
            #expect(curves.curves[0].dydx.allSatisfy { $0 == .infinity })
        }
    }

    @Test("/api/curves.svg draws y(x), |dy/dx| or both with the post's colours")
    func curvesSVG() async throws {
        for (chart, count) in [("values", 1), ("slopes", 1), ("both", 2)] {
            try await get("/api/curves.svg?chart=\(chart)&activation=relu&weight=8&depth=3") { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/svg+xml; charset=utf-8")
                let svg = String(buffer: response.body)
                #expect(svg.hasPrefix("<svg"))
                #expect(svg.components(separatedBy: "<svg").count - 1 == (count == 2 ? 3 : 1))
                for colour in ["#FFC0CB", "#FF0000", "#8B0000"] { #expect(svg.uppercased().contains(colour)) }
            }
        }
    }

    @Test("/api/curves.csv has the plot command's columns")
    func curvesCSV() async throws {
        try await get("/api/curves.csv?activation=relu&weight=8&depth=2&x=0:1&points=2") { response in
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(String(buffer: response.body) == "depth,x,y,dydx,d_w\n1,0.0,0.0,0.0,0.0\n1,1.0,8.0,8.0,1.0\n2,0.0,0.0,0.0,0.0\n2,1.0,64.0,64.0,16.0\n")
        }
    }

    @Test("/api/view returns three charts and the numbers: relu w = 8, depth 3 → max slope 512")
    func view() async throws {
        try await get("/api/view?activation=relu&weight=8&depth=3&points=1000") { response in
            #expect(response.status == .ok)
            let view = try TestApp.decode(ExplorerView.self, response.body)
            #expect(view.numbers.map(\.maxSlope) == [8, 64, 512])
            #expect(view.numbers[2].maxY == 512)
            #expect(view.depthNote == "depths 1, 2 and 3 (all)")
            for svg in [view.charts.values, view.charts.slopes, view.charts.layers] { #expect(svg.hasPrefix("<svg")) }
            let float16 = view.formats?.first { $0.precision == .float16 }
            #expect(float16?.overflowDepth == 6)  // relu at x = 0.5: 8^l > 65504 from l = 6
            #expect(view.computeMilliseconds >= 0)
        }
    }

    @Test("/api/view with a typed formula draws gradients by depth and gives no format table")
    func viewFormula() async throws {
        try await get("/api/view?formula=tanh(w*x)&weight=2&depth=10&at=0&points=101") { response in
            let view = try TestApp.decode(ExplorerView.self, response.body)
            #expect(view.typed)
            #expect(view.formats == nil)
            #expect(view.numbers.last?.maxSlope == 1024)
            #expect(view.charts.layers.contains("depth L"))
        }
    }

    @Test("/api/chain: per-layer table of tanh w = 8 at 0 in Float32 is 8^l")
    func chain() async throws {
        try await get("/api/chain?activation=tanh&weight=8&bias=0&depth=50&at=0&precision=float32") { response in
            #expect(response.status == .ok)
            let table = try TestApp.decode(ChainExperiment.Document.self, response.body)
            #expect(table.layers.count == 50)
            #expect(table.layers[2].dydx == 512)
            #expect(table.layers[42].dydx == .infinity)  // 8^43 > Float32 max
            #expect(table.layers[41].dydx == Double(Float(pow(8.0, 42))))
        }
    }

    @Test("/api/chain.svg and /api/chain.csv")
    func chainDocuments() async throws {
        try await get("/api/chain.svg?activation=relu&weight=8&depth=3&at=1") { response in
            #expect(String(buffer: response.body).contains("|dy_l/dx|"))
        }
        try await get("/api/chain.csv?activation=relu&weight=8&depth=2&at=1") { response in
            #expect(String(buffer: response.body) == "layer,a,y,slope,dydx,dy_dw,dy_db\n1,8.0,8.0,1.0,8.0,8.0,8.0\n2,64.0,64.0,1.0,64.0,8.0,1.0\n")
        }
    }

    @Test("/api/view/layers.svg and .csv follow the page: chain table, or a formula by depth")
    func viewLayers() async throws {
        try await get("/api/view/layers.csv?activation=relu&weight=8&depth=2&at=1") { response in
            #expect(String(buffer: response.body).hasPrefix("layer,a,y,slope,dydx,dy_dw,dy_db\n1,8.0"))
        }
        try await get("/api/view/layers.csv?formula=relu(w*x)&weight=8&depth=2&at=1") { response in
            #expect(String(buffer: response.body) == "depth,x,y,dydx,d_w\n1,1.0,8.0,8.0,1.0\n2,1.0,64.0,64.0,16.0\n")
        }
        try await get("/api/view/layers.svg?formula=relu(w*x)&depth=4&at=1") { response in
            #expect(String(buffer: response.body).contains("Gradients by depth"))
        }
    }

    @Test("/api/overflow: tanh w = 8 at 0 overflows Float16 at depth 6, Float32 at 43")
    func overflow() async throws {
        try await get("/api/overflow?activation=tanh&weight=8&at=0&depth=400") { response in
            #expect(response.status == .ok)
            let json = try TestApp.object(response.body)
            let forecasts = json["forecasts"] as? [[String: Any]] ?? []
            #expect(forecasts.count == 4)
            let depths = Dictionary(uniqueKeysWithValues: forecasts.map { ($0["precision"] as! String, $0["observedOverflowDepth"] as? Int) })
            #expect(depths["float16"] == 6)
            #expect(depths["float32"] == 43)
            #expect(depths["float64"] == 342)
        }
        try await get("/api/overflow?activation=tanh&weight=8&at=0&precision=bfloat16") { response in
            let json = try TestApp.object(response.body)
            #expect((json["forecasts"] as? [Any])?.count == 1)
        }
        try await get("/api/overflow.csv?activation=tanh&weight=8&at=0&precision=float16") { response in
            #expect(String(buffer: response.body).split(separator: "\n")[1].hasPrefix("float16,6,6,"))
        }
        try await get("/api/overflow.svg?activation=tanh&weight=8&at=0&depth=100") { response in
            #expect(String(buffer: response.body).contains("Float16 max"))
        }
    }

    @Test("/api/figures lists S1–S8 with settings that reproduce them")
    func figures() async throws {
        try await get("/api/figures") { response in
            let list = try TestApp.decode(FigureList.self, response.body)
            #expect(list.figures.map(\.system) == ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"])
            #expect(list.figures.allSatisfy { !$0.caption.isEmpty })
        }
    }

    @Test("Each figure's settings are accepted by /api/view", arguments: FigurePreset.all)
    func figureSettings(_ figure: FigurePreset) async throws {
        var components = URLComponents()
        components.queryItems = figure.query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        let query = components.percentEncodedQuery!.replacingOccurrences(of: "+", with: "%2B")
        try await get("/api/view?\(query)") { response in
            #expect(response.status == .ok, "\(figure.id): \(String(buffer: response.body))")
        }
    }

    @Test("S1, S2 and S5 settings give the post's slopes 512, 8^3 at 0 and 2^3 at 0")
    func figureNumbers() async throws {
        let expected = ["s1-relu": 512.0, "s2-tanh": 512, "s5-sigmoid-bias": 8]
        for figure in FigurePreset.all where expected[figure.id] != nil {
            let query = figure.query.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
            try await get("/api/view?\(query)") { response in
                let view = try TestApp.decode(ExplorerView.self, response.body)
                #expect(view.numbers.last?.maxSlope == expected[figure.id], "\(figure.id)")
            }
        }
    }

    @Test("/api lists every endpoint; /api/health answers ok")
    func index() async throws {
        try await get("/api") { response in
            let json = try TestApp.object(response.body)
            let paths = (json["endpoints"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
            #expect(paths == ["/api/curves", "/api/curves.svg", "/api/curves.csv", "/api/view", "/api/view/layers.svg", "/api/view/layers.csv",
                              "/api/layers", "/api/layers.svg", "/api/layers.csv",
                              "/api/chain", "/api/chain.svg", "/api/chain.csv", "/api/overflow", "/api/overflow.svg", "/api/overflow.csv",
                              "/api/surface", "/api/surface.svg", "/api/surface.csv", "/api/activations", "/api/activations.svg",
                              "/api/activations.csv", "/api/figures", "/api/trace", "/api/trace.svg", "/api/trace.csv", "/api/health"])
        }
        try await get("/api/health") { response in
            #expect(String(buffer: response.body) == "{\"status\":\"ok\"}")
        }
    }
}
