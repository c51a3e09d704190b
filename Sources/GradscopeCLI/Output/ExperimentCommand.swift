import ArgumentParser
import GradscopeGallery

/// A Gallery experiment whose settings are validated when it is made (every experiment's `init(settings:)`).
protocol SettingsCheckedExperiment: Experiment {
    init(settings: Settings) throws(SettingsError)
}

/// A command that is one Gallery experiment: flags → ``settings`` → the experiment, run under
/// ``CommandProgress`` → printed in `--format` and written to `--out` by ``ReportOutput``.
///
/// A command declares its flags, `out` (whose help says what each extension holds) and `output`,
/// and says how its flags make the settings; `validate()` and `run()` come from here:
/// ```swift
/// struct LayersCommand: ExperimentCommand {
///     var settings: LayersExperiment.Settings { .init(width: width, depth: depth, …) }
/// }
/// ```
protocol ExperimentCommand: ParsableCommand {
    associatedtype Lab: SettingsCheckedExperiment
    /// The flags as the experiment's settings; a word no setting takes throws a ``CommandError``.
    var settings: Lab.Settings { get throws }
    /// `--out FILE`: .svg, .csv or .json.
    var out: String? { get }
    /// `--format text|csv|json`.
    var output: OutputOptions { get }
    /// The terminal charts drawn above the text summary; none by default.
    var terminalCharts: ReportOutput.TerminalCharts? { get }
}

extension ExperimentCommand {
    var terminalCharts: ReportOutput.TerminalCharts? { nil }

    /// The experiment of these flags; an unusable setting is a ``CommandError`` spelt with `--`.
    func experiment() throws -> Lab {
        let settings = try settings
        do { return try Lab(settings: settings) } catch { throw CommandError(error) }
    }

    /// Checks the settings and that `--out` can be written, before any work.
    func validate() throws {
        try validateSettingsAndOut()
    }

    func validateSettingsAndOut() throws {
        _ = try experiment()
        try ReportOutput.check(out: out)
    }

    /// Ctrl-C stops the experiment at its next unit of work: one line on stderr, exit 130, no `--out`.
    func run() throws {
        let experiment = try experiment()
        let report = try CommandProgress.run { try experiment.run(progress: $0) }
        try ReportOutput.emit(report, format: output.format, out: out, charts: terminalCharts)
    }
}

extension ActivationsExperiment: SettingsCheckedExperiment {}
extension AutopsyExperiment: SettingsCheckedExperiment {}
extension ClaimsExperiment: SettingsCheckedExperiment {}
extension LayersExperiment: SettingsCheckedExperiment {}
extension OverflowExperiment: SettingsCheckedExperiment {}
extension PhaseExperiment: SettingsCheckedExperiment {}
extension PlotExperiment: SettingsCheckedExperiment {}
extension SpectrumExperiment: SettingsCheckedExperiment {}
extension SurfaceExperiment: SettingsCheckedExperiment {}
extension TrainExperiment: SettingsCheckedExperiment {}
