import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import GradscopeCharts
import GradscopeGallery
@testable import GradscopeServer

/// The page and its assets are served from the binary and need no network.
@Suite struct PageTests {
    @Test("/ serves the page, which loads only its own assets", arguments: ["/", "/index.html"])
    func page(_ path: String) async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'self'") == true)
                let html = String(buffer: response.body)
                #expect(html.contains("<script src=\"/explorer.js\" defer></script>"))
                #expect(html.contains("href=\"/explorer.css\""))
                for id in ["activation", "weight", "bias", "bias-half", "depth", "precision", "x-from", "x-to", "formula", "formula-error", "figure", "max-slope"] {
                    #expect(html.contains("id=\"\(id)\""), "missing control \(id)")
                }
            }
        }
    }

    @Test("The assets name no other origin (no CDN)")
    func offline() {
        for asset in [PageAssets.html, PageAssets.css, PageAssets.script] {
            #expect(!asset.contains("http://") && !asset.contains("https://") && !asset.contains("//cdn"))
        }
        #expect(PageAssets.script.contains("history.replaceState"))
        #expect(PageAssets.script.contains("AbortController"))
    }

    @Test("Script and style sheet have their content types", arguments: [("/explorer.js", "text/javascript; charset=utf-8"), ("/explorer.css", "text/css; charset=utf-8")])
    func assets(_ asset: (path: String, type: String)) async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: asset.path, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == asset.type)
                #expect(response.body.readableBytes > 1000)
            }
        }
    }

    @Test("Depth subsets: all up to 7, then 1, 2, 3 and every quarter")
    func depthSelection() {
        #expect(DepthSelection.shown(upTo: 1) == [1])
        #expect(DepthSelection.shown(upTo: 7) == Array(1...7))
        #expect(DepthSelection.shown(upTo: 8) == [1, 2, 3, 4, 6, 8])
        #expect(DepthSelection.shown(upTo: 1000) == [1, 2, 3, 250, 500, 750, 1000])
        #expect(DepthSelection.describe([1, 2, 3, 25, 50, 75, 100], of: 100) == "depths 1, 2, 3, 25, 50, 75 and 100 of 100 (1, 2, 3 and every quarter)")
    }
}

/// Thinning keeps what a chart shows and drops what it cannot.
@Suite struct ThinningTests {
    @Test("A straight line keeps its ends; a kink and every undrawn point are kept")
    func thinning() {
        let xs = (0...100).map(Double.init)
        #expect(LineChart.keptIndices(xs: xs, ys: xs.map { $0 * 2 }, tolerance: 0.25) == [0, 100])
        #expect(LineChart.keptIndices(xs: xs, ys: xs.map { abs($0 - 40) }, tolerance: 0.25) == [0, 40, 100])
        var ys: [Double?] = xs.map { $0 }
        ys[10] = nil; ys[11] = nil
        #expect(LineChart.keptIndices(xs: xs, ys: ys, tolerance: 0.25) == [0, 9, 10, 11, 12, 100])
    }

    @Test("A thinned deep tanh chart has far fewer points and the same first and last ones")
    func thinnedChart() {
        let xs = (0...999).map { -1 + 2 * Double($0) / 999 }
        let chart = LineChart(title: "t", series: [Series(name: "y", xs: xs, colour: "#FF0000") { Foundation.tanh(100 * $0) }])
        let thin = chart.thinned()
        #expect(thin.series[0].xs.count < 200)
        #expect(thin.series[0].xs.first == -1 && thin.series[0].xs.last == 1)
    }
}
