/// The Python literals a `.npy` header uses: a dict of strings to strings, booleans, integers and tuples.
enum PythonLiteral: Equatable {
    case string(String), bool(Bool), integer(Int), none
    case tuple([PythonLiteral]), list([PythonLiteral]), dict([String: PythonLiteral])

    /// A recursive-descent parser over the header text; nesting is limited to 16 levels.
    struct Parser {
        private let chars: [Character]
        private var i = 0
        private var depth = 0

        init(_ text: String) { chars = Array(text) }

        struct Failure: Error {}

        mutating func value() throws -> PythonLiteral {
            skipSpace()
            guard i < chars.count, depth < 16 else { throw Failure() }
            let c = chars[i]
            switch c {
            case "{":
                i += 1; depth += 1; defer { depth -= 1 }
                var dict: [String: PythonLiteral] = [:]
                while true {
                    skipSpace()
                    if peek("}") { i += 1; return .dict(dict) }
                    guard case .string(let key) = try value() else { throw Failure() }
                    skipSpace()
                    guard peek(":") else { throw Failure() }
                    i += 1
                    dict[key] = try value()
                    skipSpace()
                    if peek(",") { i += 1 } else if !peek("}") { throw Failure() }
                }
            case "(", "[":
                let close: Character = c == "(" ? ")" : "]"
                i += 1; depth += 1; defer { depth -= 1 }
                var items: [PythonLiteral] = []
                while true {
                    skipSpace()
                    if peek(close) { i += 1; return c == "(" ? .tuple(items) : .list(items) }
                    items.append(try value())
                    skipSpace()
                    if peek(",") { i += 1 } else if !peek(close) { throw Failure() }
                }
            case "'", "\"":
                i += 1
                var s = ""
                while i < chars.count, chars[i] != c {
                    if chars[i] == "\\" { i += 1; guard i < chars.count else { throw Failure() } }
                    s.append(chars[i]); i += 1
                }
                guard i < chars.count else { throw Failure() }
                i += 1
                return .string(s)
            default:
                var word = ""
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "-" || chars[i] == "_" {
                    word.append(chars[i]); i += 1
                }
                switch word {
                case "True": return .bool(true)
                case "False": return .bool(false)
                case "None": return .none
                default:
                    let digits = word.hasSuffix("L") ? String(word.dropLast()) : word
                    guard let v = Int(digits) else { throw Failure() }
                    return .integer(v)
                }
            }
        }

        private mutating func skipSpace() { while i < chars.count, chars[i].isWhitespace { i += 1 } }
        private func peek(_ c: Character) -> Bool { i < chars.count && chars[i] == c }
    }
}
