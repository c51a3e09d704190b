/// A formula the user typed could not be parsed or evaluated.
///
/// `description` is one line naming the problem and the fix, with the 1-based
/// column in the text as the user wrote it (LaTeX included):
///
///     Unknown function 'tanhh' at column 1. Did you mean 'tanh'?
///
/// Errors found at evaluation time (a missing parameter value) may have no column.
/// The core speaks of values, not of a face's spelling: a parameter without a value is
/// ``unvaluedParameter``, and each face says how to give one with ``sentence(passingValue:)``:
///
///     No value for parameter 'w'.                                   (description)
///     No value for parameter 'w'. Pass it with --param w=VALUE.     (the CLI)
///     No value for parameter 'w'. Pass it with param.w=VALUE.       (HTTP)
public struct FormulaError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The 1-based column (in characters) of the offending text, if there is one.
    public var column: Int?
    /// The one-line message, column and fix included, in no face's spelling.
    public var message: String
    /// The parameter that has no value, when that is the problem (the name as the message
    /// shows it, shortened beyond 40 characters).
    public var unvaluedParameter: String?
    /// For a missing name that reads as a product of known names: that product (`w*x` for `wx`).
    public var product: String?

    public init(_ message: String, column: Int? = nil) {
        self.message = message
        self.column = column
    }

    public var description: String { message }

    /// The message with a face's way of giving a parameter a value, e.g. `{ "--param \($0)=VALUE" }`
    /// for the CLI or `{ "param.\($0)=VALUE" }` for HTTP; the plain message for every other error.
    public func sentence(passingValue spelling: (_ parameter: String) -> String) -> String {
        guard let name = unvaluedParameter else { return message }
        guard let product else { return "\(message) Pass it with \(spelling(name))." }
        let at = column.map { " at column \($0)" } ?? ""
        return "No value for '\(name)'\(at). For a product write '\(product)'; for a parameter pass \(spelling(name))."
    }
}

extension FormulaError {
    static func unknownFunction(_ name: String, at column: Int) -> FormulaError {
        let fix: String
        if let match = FormulaFunction.closestName(to: name) {
            fix = "Did you mean '\(match)'?"
        } else {
            fix = "For a product write '\(name)*(…)'; known functions are \(FormulaFunction.canonicalNames.joined(separator: ", "))."
        }
        return FormulaError("Unknown function '\(name)' at column \(column). \(fix)", column: column)
    }

    static func unclosed(_ opener: Token, expecting closer: String) -> FormulaError {
        FormulaError("Unclosed '\(opener.text)' at column \(opener.column). Add '\(closer)'.", column: opener.column)
    }

    static func unexpectedCloser(_ token: Token) -> FormulaError {
        FormulaError("Unexpected '\(token.text)' at column \(token.column).", column: token.column)
    }

    static func mismatchedCloser(_ token: Token, opener: Token, expecting closer: String) -> FormulaError {
        FormulaError(
            "Unexpected '\(token.text)' at column \(token.column). Add '\(closer)' to close '\(opener.text)' at column \(opener.column).",
            column: token.column)
    }

    static func missingOperand(after token: Token) -> FormulaError {
        FormulaError("Missing operand after '\(token.text)' at column \(token.column).", column: token.column)
    }

    static func missingOperand(before token: Token) -> FormulaError {
        FormulaError("Missing operand before '\(token.text)' at column \(token.column).", column: token.column)
    }

    static let empty = FormulaError("Empty formula. Write an expression in x, such as 'tanh(w*x)'.", column: 1)

    static func trailing(_ token: Token) -> FormulaError {
        if case .equals = token.kind {
            return FormulaError(
                "Unexpected '=' at column \(token.column). Only a leading 'y =' may come before the formula.",
                column: token.column)
        }
        return FormulaError(
            "Unexpected '\(token.text)' at column \(token.column) after a complete expression. Insert an operator such as '*' or remove it.",
            column: token.column)
    }

    static func arity(_ name: String, takes arity: ClosedRange<Int>, got count: Int, at column: Int) -> FormulaError {
        let takes = arity.lowerBound == arity.upperBound
            ? "\(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")"
            : "\(arity.lowerBound) or \(arity.upperBound) arguments"
        return FormulaError("'\(name)' takes \(takes), got \(count) at column \(column).", column: column)
    }

    static func functionWithoutArgument(_ name: String, at column: Int) -> FormulaError {
        FormulaError("Function '\(name)' at column \(column) needs an argument. Write '\(name)(…)'.", column: column)
    }

    static func unexpectedCharacter(_ character: Character, at column: Int) -> FormulaError {
        FormulaError("Unexpected character '\(escaped(String(character)))' at column \(column). Remove it.", column: column)
    }

    /// Control and other invisible characters as `\u{…}`, so that a message is one printable line.
    static func escaped(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate:
                "\\u{\(String(scalar.value, radix: 16))}"
            default: String(scalar)
            }
        }.joined()
    }

    static func tooLong(_ count: Int) -> FormulaError {
        FormulaError("The formula is \(count) characters long; the limit is \(Formula.maxLength). Shorten it.", column: Formula.maxLength + 1)
    }

    static func tooDeep(at token: Token) -> FormulaError {
        FormulaError(
            "The formula nests more than \(Formula.maxNesting) levels deep at column \(token.column) (brackets, calls, signs, exponents). Simplify it.",
            column: token.column)
    }

    static func numberTooLarge(_ text: String, at column: Int) -> FormulaError {
        FormulaError("The number '\(text)' at column \(column) is too large for a 64-bit float (the largest is about 1.8e308). Use a smaller number.", column: column)
    }

    static func notAFunction(_ name: String, call: String, at column: Int) -> FormulaError {
        let what = name == "x" ? "the input" : "a parameter"
        return FormulaError("'\(name)' at column \(column) is \(what), not a function: for a product write \(call).", column: column)
    }

    static func fractionArgument(at token: Token) -> FormulaError {
        FormulaError(
            "'\\frac' at column \(token.column) needs two arguments: write \\frac{a}{b}, or \\frac12 with one character each.",
            column: token.column)
    }

    static func unknownCommand(_ command: String, at column: Int) -> FormulaError {
        FormulaError(
            "Unknown LaTeX command '\\\(command)' at column \(column). Write it as \\operatorname{name} or in plain math.",
            column: column)
    }

    /// A parameter of the formula that has no value: "No value for parameter 'w'."
    public static func missingParameter(_ name: String) -> FormulaError {
        var error = FormulaError("No value for parameter '\(shortened(name))'.")
        error.unvaluedParameter = shortened(name)
        return error
    }

    /// A name of at most 40 characters for a message: `xxxx…xxxx (1000 characters)` beyond that.
    static func shortened(_ name: String) -> String {
        name.count <= 40 ? name : "\(name.prefix(16))…\(name.suffix(16)) (\(name.count) characters)"
    }

    /// A missing name that reads as a product of known names or letters: the same message whether
    /// or not the parts have values, with both fixes.
    static func splitName(_ name: String, into parts: [String], at column: Int?) -> FormulaError {
        let at = column.map { " at column \($0)" } ?? ""
        let product = parts.joined(separator: "*")
        var error = FormulaError("No value for '\(name)'\(at). For a product write '\(product)', or give the parameter '\(name)' a value.",
                                 column: column)
        (error.unvaluedParameter, error.product) = (name, product)
        return error
    }

    static func reservedParameter(_ name: String) -> FormulaError {
        if name == "x" {
            return FormulaError("'x' is the input variable, not a parameter. Remove it from the parameter values.")
        }
        return FormulaError("'\(name)' is a constant and cannot be a parameter name. Rename the parameter.")
    }
}
