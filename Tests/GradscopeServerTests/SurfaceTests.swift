import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import GradscopeCore
import GradscopeGallery
@testable import GradscopeServer

/// `/api/surface`, `/api/surface.svg`, `/api/surface.csv`: Pascanu's cliff with descents from a clicked start.
@Suite struct SurfaceTests {
    func get(_ uri: String, _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in try check(response) }
        }
    }

    @Test("/api/surface from (5, -2.4), lr 1, clip 1: the unclipped run jumps > 5, the clipped one never more than 1")
    func descents() async throws {
        let expected = (unclipped: SurfaceModel.pascanu.descend(from: (5, -2.4), learningRate: 1, iterations: 40),
                        clipped: SurfaceModel.pascanu.descend(from: (5, -2.4), learningRate: 1, iterations: 40, clipThreshold: 1))
        try await get("/api/surface?grid=16&start=5,-2.4&lr=1&clip=1&iterations=40") { response in
            #expect(response.status == .ok)
            let surface = try TestApp.decode(SurfaceExperiment.Document.self, response.body)
            #expect(surface.wRange == [2, 14] && surface.bRange == [-10, 2])
            #expect(surface.columns == 16 && surface.rows == 16 && surface.steps == 50)
            #expect(surface.start == [5, -2.4])
            let unclipped = try #require(surface.unclipped), clipped = try #require(surface.clipped)
            #expect(unclipped.longestStep > 5)
            #expect(clipped.steps.allSatisfy { $0.stepLength <= 1 + 1e-12 })
            #expect(clipped.clippedCount > 0 && clipped.clipThreshold == 1 && unclipped.clipThreshold == nil)
            #expect(unclipped.steps == expected.unclipped.steps)
            #expect(clipped.steps == expected.clipped.steps)
            #expect(!surface.walls.isEmpty)
            #expect(surface.walls.allSatisfy { (2...14).contains($0.w) && (-10...2).contains($0.b) })
        }
    }

    @Test("/api/surface without start: the surface and the wall, no descents")
    func noStart() async throws {
        try await get("/api/surface?grid=8&activation=tanh&loss=state&steps=20") { response in
            #expect(response.status == .ok)
            let surface = try TestApp.decode(SurfaceExperiment.Document.self, response.body)
            #expect(surface.unclipped == nil && surface.clipped == nil && surface.start == nil)
            #expect(surface.activation == "tanh" && surface.loss == .state && surface.steps == 20)
            #expect(surface.maximumGradient != nil)
        }
    }

    @Test("/api/surface.svg with start draws both trajectories and the wall, and carries the plot area")
    func svgWithStart() async throws {
        try await get("/api/surface.svg?grid=16&start=5,-2.4") { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "image/svg+xml; charset=utf-8")
            let svg = String(buffer: response.body)
            #expect(svg.hasPrefix("<svg class=\"surface\" data-plot-left="))
            for attribute in ["data-plot-top=", "data-plot-width=", "data-plot-height=", "data-w-from=", "data-w-to=", "data-b-from=", "data-b-to="] {
                #expect(svg.contains(attribute))
            }
            #expect(svg.contains("stroke=\"#FF3B30\""))   // unclipped
            #expect(svg.contains("stroke=\"#FFFFFF\""))   // clipped
            #expect(svg.contains("stroke=\"#00E5FF\""))   // wall
            #expect(svg.components(separatedBy: "<polyline").count - 1 >= 3)
            #expect(svg.contains("clipped at 1"))
        }
    }

    @Test("/api/surface.svg without start: the wall only; chart=gradient colours log ‖∇L‖")
    func svgWithoutStart() async throws {
        try await get("/api/surface.svg?grid=16&chart=gradient") { response in
            #expect(response.status == .ok)
            let svg = String(buffer: response.body)
            // The wall is the only trajectory: one polyline, cyan; no descent, no sentence about one.
            #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)
            #expect(svg.contains("stroke=\"#00E5FF\""))
            #expect(!svg.contains("#FF3B30") && !svg.contains("stroke=\"#FFFFFF\"") && !svg.contains("unclipped"))
            #expect(!svg.contains("Descent from") && !svg.contains("red the unclipped"))
            #expect(svg.contains("‖∇L‖"))
            #expect(svg.contains("the wall found by bisection."))
        }
        try await get("/api/surface.svg?grid=16") { response in
            let svg = String(buffer: response.body)
            #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)
            #expect(svg.contains("Give a start point (w, b)"))
        }
    }

    @Test("The plot area in the SVG maps the data window: w-from/to is the grid range widened by half a cell")
    func plotArea() async throws {
        try await get("/api/surface.svg?grid=13") { response in
            let svg = String(buffer: response.body)
            func value(_ name: String) -> Double? {
                guard let range = svg.range(of: "data-\(name)=\"") else { return nil }
                return Double(svg[range.upperBound...].prefix { $0 != "\"" })
            }
            #expect(value("w-from") == 1.5 && value("w-to") == 14.5)   // cells 1 wide
            #expect(value("b-from") == -10.5 && value("b-to") == 2.5)
            #expect((value("plot-width") ?? 0) > 100 && (value("plot-height") ?? 0) > 100)
        }
    }

    @Test("/api/surface.csv: one row per grid point")
    func csv() async throws {
        try await get("/api/surface.csv?grid=4&steps=10") { response in
            #expect(response.status == .ok)
            let lines = String(buffer: response.body).split(separator: "\n")
            #expect(lines.first == "w,b,loss,dloss_dw,dloss_db")
            #expect(lines.count == 17)
        }
    }

    static let badQueries: [(uri: String, parameter: String, fragment: String)] = [
        ("/api/surface?activation=relux", "activation", "Unknown activation 'relux'"),
        ("/api/surface?w=3:1", "w", "an interval A:B"),
        ("/api/surface.svg?b=x", "b", "an interval A:B"),
        ("/api/surface?grid=1", "grid", "between 2 and 128"),
        ("/api/surface.svg?grid=129", "grid", "between 2 and 128"),
        ("/api/surface?grid=128&steps=200", "grid", "grid² × steps must be at most 2000000"),
        ("/api/surface?start=5", "start", "a point w,b inside the window"),
        ("/api/surface?start=20,0", "start", "w in 2:14, b in -10:2"),
        ("/api/surface.svg?start=5,-2.4&lr=0", "lr", "0 < lr ≤ 100"),
        ("/api/surface?lr=101", "lr", "0 < lr ≤ 100"),
        ("/api/surface?clip=-1", "clip", "> 0"),
        ("/api/surface?iterations=0", "iterations", "between 1 and 200"),
        ("/api/surface?iterations=201", "iterations", "between 1 and 200"),
        ("/api/surface?steps=0", "steps", "between 1 and 200"),
        ("/api/surface?x0=nan", "x0", "a finite number"),
        ("/api/surface?target=1e9", "target", "a finite number"),
        ("/api/surface?loss=input", "loss", "one of output, state"),
        ("/api/surface.svg?chart=both", "chart", "one of loss, gradient"),
        ("/api/surface?chart=loss", "chart", "Unknown parameter"),
        ("/api/surface?depth=3", "depth", "Unknown parameter"),
    ]

    @Test("Bad surface parameters are 400s naming the parameter", arguments: 0..<badQueries.count)
    func badInput(_ index: Int) async throws {
        let bad = Self.badQueries[index]
        try await get(bad.uri) { response in
            #expect(response.status == .badRequest, "\(bad.uri)")
            let body = try TestApp.decode(ErrorBody.self, response.body)
            #expect(body.parameter == bad.parameter, "\(bad.uri)")
            #expect(body.error.contains(bad.fragment), "\(bad.uri): \(body.error)")
        }
    }

    @Test("The page has the cliff panel and its controls; the script maps clicks with the SVG's plot area")
    func page() async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                let html = String(buffer: response.body)
                for id in ["cliff", "chart-surface", "clip", "lr", "surface-chart", "dl-surface"] { #expect(html.contains("id=\"\(id)\"")) }
                #expect(html.contains("The cliff"))
            }
            try await client.execute(uri: "/explorer.js", method: .get) { response in
                let script = String(buffer: response.body)
                #expect(script.contains("/api/surface.svg?"))
                #expect(script.contains("d.plotLeft") && script.contains("d.wFrom"))
            }
        }
    }
}
