import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
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
