import GradscopeCore
import ArgumentParser

/// How a command prints its result.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Aligned tables and captions for people.
    case text
    /// A header row in snake_case and one row per record.
    case csv
    /// camelCase keys; non-finite numbers as the strings "Infinity", "-Infinity", "NaN".
    case json
}

/// `--format text|csv|json`, shared by every command.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text, csv or json.")
    var format: OutputFormat = .text
}

/// `--precision float16|bfloat16|float32|float64`.
struct PrecisionOptions: ParsableArguments {
    @Option(help: "Floating-point format to compute in: float16, bfloat16, float32, float64, or the narrow float8_e4m3fn, float8_e5m2, float6_e3m2fn, float6_e2m3fn, float4_e2m1fn.")
    var precision: Precision = .float64
}

extension Precision: ExpressibleByArgument {}
extension OverflowRule: ExpressibleByArgument {}
