import Hummingbird

/// The page and its two assets, compiled into the binary: no route reads a file.
struct PageController<Context: RequestContext> {
    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("/") { _, _ in DocumentResponse(kind: .textHtml, text: PageAssets.html) }
            .get("/index.html") { _, _ in DocumentResponse(kind: .textHtml, text: PageAssets.html) }
            .get("/explorer.css") { _, _ in DocumentResponse(kind: .textCss, text: PageAssets.css) }
            .get("/explorer.js") { _, _ in DocumentResponse(kind: .textJavascript, text: PageAssets.script) }
    }
}
