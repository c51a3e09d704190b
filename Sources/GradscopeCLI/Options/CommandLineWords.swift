import ArgumentParser
import Foundation

/// The command line before and after argument-parser: negative values after a space,
/// and error messages made into one line with the fix.
enum CommandLineWords {
    /// `--depth -1` → `--depth=-1` when `--depth` takes a value and the next word is a negative
    /// number or range (`-1`, `-.5`, `-1e3`, `-1:1`, `-inf`), so that argument-parser does not take
    /// the value for an option. Words after `--` are left alone.
    static func joiningNegativeValues(_ words: [String]) -> [String] {
        guard words.indices.dropLast().contains(where: { isOptionName(words[$0]) && isNegativeValue(words[$0 + 1]) }) else {
            return words
        }
        let takesValue = valueOptionNames
        var result: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            if word == "--" {
                result += words[index...]
                break
            }
            if index + 1 < words.count, isOptionName(word), takesValue.contains(word), isNegativeValue(words[index + 1]) {
                result.append(word + "=" + words[index + 1])
                index += 2
                continue
            }
            result.append(word)
            index += 1
        }
        return result
    }

    static func isOptionName(_ word: String) -> Bool {
        word.hasPrefix("--") && word.count > 2 && !word.contains("=")
    }

    /// `-1`, `-0.5`, `-.5`, `-1e3`, `-1:1`, `-inf`, `-nan`, `-w/2`.
    static func isNegativeValue(_ word: String) -> Bool {
        guard word.hasPrefix("-"), !word.hasPrefix("--") else { return false }
        let rest = word.dropFirst().lowercased()
        if let first = rest.first, first.isNumber || (first == "." && rest.dropFirst().first?.isNumber == true) { return true }
        return rest.hasPrefix("inf") || rest.hasPrefix("nan") || rest.hasPrefix("w/") || rest.hasPrefix("w*")
    }

    /// Every `--name` of every subcommand that takes a value (from argument-parser's own description of the tool).
    static let valueOptionNames: Set<String> = {
        guard let data = Gradscope._dumpHelp().data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        var names: Set<String> = []
        var pending: [[String: Any]] = [(root["command"] as? [String: Any]) ?? [:]]
        while let command = pending.popLast() {
            for argument in (command["arguments"] as? [[String: Any]]) ?? [] where argument["kind"] as? String == "option" {
                for name in (argument["names"] as? [[String: Any]]) ?? [] where name["kind"] as? String == "long" {
                    if let text = name["name"] as? String { names.insert("--" + text) }
                }
            }
            pending += (command["subcommands"] as? [[String: Any]]) ?? []
        }
        return names
    }()

    /// Rewrites argument-parser's "The value 'V' is invalid for '--x <x>'" into the reason
    /// and the expected form, e.g. "--x needs A < B, got 1:0".
    static func explained(_ message: String) -> String {
        let pattern = #/The value '(?<value>.*)' is invalid for '(?<option>--[a-z0-9-]+)[^']*'(?<rest>.*)/#
        guard let match = message.firstMatch(of: pattern) else { return message }
        let value = String(match.value), option = String(match.option)
        var rest = String(match.rest).trimmingCharacters(in: .whitespaces)
        while rest.hasPrefix(":") || rest.hasPrefix(".") { rest = String(rest.dropFirst()).trimmingCharacters(in: .whitespaces) }
        if value.contains(":"), let problem = GridRange.problem(with: value) {
            return "\(option) \(problem)"
        }
        if rest.hasPrefix("Please provide one of") {
            return "\(option) does not take '\(value)'. \(rest)"
        }
        if !rest.isEmpty { return "\(option) does not take '\(value)': \(rest)" }
        return "\(option) does not take '\(value)'"
    }

    /// The option's own help from argument-parser's full message ("Help:  --points <points>  Number of
    /// x points (2…1000000)."), as "--points: Number of x points (2…1000000)".
    static func optionHelp(in fullMessage: String) -> String? {
        guard let line = fullMessage.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("Help:") }) else { return nil }
        let words = line.dropFirst("Help:".count).trimmingCharacters(in: .whitespaces)
        guard let name = words.split(separator: " ").first, name.hasPrefix("-") else { return nil }
        var text = words.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("<"), let end = text.firstIndex(of: ">") { text = text[text.index(after: end)...].trimmingCharacters(in: .whitespaces) }
        while text.hasSuffix(".") { text.removeLast() }
        return text.isEmpty ? nil : "\(name): \(text)"
    }

    /// "Unknown option '--deph'. Did you mean '--depth'?" for a command's options.
    static func unknownOption(_ word: String, of command: ParsableCommand.Type) -> String {
        let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
        let known = optionNames(of: command)
        var best: (name: String, distance: Int)?
        for candidate in known.sorted() {
            let distance = editDistance(name, candidate)
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        let commandName = command.configuration.commandName ?? ""
        if let best, best.distance <= max(2, name.count / 3) {
            return "Unknown option '\(escaped(name))'. Did you mean '\(best.name)'?"
        }
        return "Unknown option '\(escaped(name))'. See 'gradscope \(commandName) --help' for the options."
    }

    /// The `--long` names of a command's options and flags.
    static func optionNames(of command: ParsableCommand.Type) -> [String] {
        guard let data = command._dumpHelp().data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let info = root["command"] as? [String: Any] else { return [] }
        return ((info["arguments"] as? [[String: Any]]) ?? []).flatMap { argument in
            ((argument["names"] as? [[String: Any]]) ?? []).compactMap { name in
                name["kind"] as? String == "long" ? (name["name"] as? String).map { "--" + $0 } : nil
            }
        }
    }

    /// Levenshtein distance, for suggestions between short names (O(a·b), names are a few dozen characters).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(64)), b = Array(b.prefix(64))
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous + (a[i - 1] == b[j - 1] ? 0 : 1)
                previous = row[j]
                row[j] = min(substitution, row[j] + 1, row[j - 1] + 1)
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }

    /// Control characters shown as `\u{…}` so that a message stays one line and prints no escapes.
    static func escaped(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control
                ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }.joined()
    }
}
