extension SettingsVocabulary {
    /// The case of a fixed set of names (a precision, a task, a format…) called `text`, ignoring
    /// ASCII case: `Float32`, `FLOAT32` and `float32` are all `.float32`. The one rule both faces
    /// read such names by; nil when no case has that name.
    public static func choice<Value: RawRepresentable & CaseIterable>(named text: String, as _: Value.Type = Value.self) -> Value?
    where Value.RawValue == String {
        let folded = asciiLowercased(text)
        return Value.allCases.first { asciiLowercased($0.rawValue) == folded }
    }

    /// `text` with A–Z as a–z and every other character as it is (no locale's case rules).
    private static func asciiLowercased(_ text: String) -> String {
        String(text.map { $0.isASCII ? Character($0.lowercased()) : $0 })
    }
}
