import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses `text` as XML and returns the root element's name, or nil when it is not well-formed.
public func xmlRootElement(of text: String) -> String? {
    final class RootFinder: NSObject, XMLParserDelegate {
        var root: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if root == nil { root = name }
        }
    }
    let parser = XMLParser(data: Data(text.utf8))
    let finder = RootFinder()
    parser.delegate = finder
    return parser.parse() ? finder.root : nil
}
