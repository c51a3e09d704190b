import GradscopeCore

extension FormulaError {
    /// The core's sentence with the command line's way of giving a parameter a value:
    /// "No value for parameter 'w'. Pass it with --param w=VALUE."
    var commandLineSentence: String { sentence { "--param \($0)=VALUE" } }
}
