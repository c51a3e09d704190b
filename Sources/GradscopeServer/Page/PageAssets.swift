/// The explorer page and its assets, compiled into the binary (no CDN, no build step, no file
/// reads): plain HTML, CSS and a small script, edited in `PageAssets+HTML.swift`,
/// `PageAssets+CSS.swift` and `PageAssets+Script.swift`.
enum PageAssets {}
