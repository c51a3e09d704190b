/// An attribute a client puts on a chart's root `<svg>` element (a class, `data-` values), written
/// before the standard ones and escaped.
///
/// ```swift
/// map.rootAttributes = [SVGAttribute(name: "class", value: "surface")]
/// map.svg()   // "<svg class=\"surface\" xmlns=…"
/// ```
public struct SVGAttribute: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
