extension ScaledTrainingConfiguration.Spike {
    /// Reads `STEP:FACTOR` (as in `50:1000`): STEP an integer in `steps`, FACTOR a finite number;
    /// nil otherwise. The autopsy's `--spike` and `gradscope train --spike` mean the same.
    public init?(parsing text: String, steps: ClosedRange<Int>) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let step = Int(parts[0]), steps.contains(step), let factor = Double(parts[1]), factor.isFinite else { return nil }
        self.init(step: step, factor: factor)
    }

    /// What a valid spike looks like, for an error message: "STEP:FACTOR with STEP between 1 and 200 and a finite FACTOR, as in 50:1000".
    public static func expected(steps: ClosedRange<Int>) -> String {
        "STEP:FACTOR with STEP between \(steps.lowerBound) and \(steps.upperBound) and a finite FACTOR, as in 50:1000"
    }
}
