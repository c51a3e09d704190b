import Foundation
import GradscopeGallery

extension PlotCommand {
    /// Runs the plot with a bar on a terminal and Ctrl-C honoured, writing CSV and JSON (to stdout
    /// and to `--out`) as each depth is computed; the text summary and `--out x.svg` show the
    /// shown depths once all are done. An `--out` file appears only complete (temporary file, renamed).
    func write(_ experiment: PlotExperiment, file: OutputFile?) throws {
        let streamed = try file.flatMap { file in try file.kind == .svg ? nil : StreamedFile(file) }
        defer { streamed?.discard() }
        var writers: [(PlotExperiment.Medium, (String) throws -> Void)] = []
        if let streamed { writers.append((streamed.kind == .csv ? .csv : .json, streamed.write)) }
        switch output.format {
        case .csv: writers.append((.csv, { print($0, terminator: "") }))
        case .json: writers.append((.json, { print($0, terminator: "") }))
        case .text: break
        }
        let report = try CommandProgress.run { progress in try experiment.stream(progress: progress, writing: writers) }
        try streamed?.commit()
        if let file, file.kind == .svg { try file.write(report.svg) }
        if output.format == .text { try ReportOutput.emit(report, format: .text, out: nil, charts: .init(maximumWidth: 120, height: 16)) }
    }

    /// An `--out` file written piece by piece into a temporary file beside it, renamed over it by
    /// ``commit()``; ``discard()`` removes the temporary file if it was not committed.
    final class StreamedFile {
        let target: OutputFile
        var kind: OutputFile.Kind { target.kind }
        private let temporary: String
        private let handle: FileHandle
        private var committed = false

        init(_ target: OutputFile) throws {
            self.target = target
            let url = target.url
            temporary = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).gradscope-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp").path
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw CommandError("Cannot write '\(url.path)': cannot create a temporary file beside it (\(PathKind.systemError)). Choose a writable folder.")
            }
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        }

        func write(_ text: String) throws {
            do { try handle.write(contentsOf: Data(text.utf8)) } catch {
                throw CommandError("Cannot write '\(target.url.path)': \(error.localizedDescription). Nothing was changed.")
            }
        }

        /// Syncs, then renames the temporary file over the target if that is still absent or a regular file.
        func commit() throws {
            let path = target.url.path
            try? handle.synchronize()
            try? handle.close()
            let now = PathKind(path)
            guard now == .absent || now == .regularFile else {
                throw CommandError("Cannot write '\(path)': it became \(now.phrase) while writing. Nothing was changed.")
            }
            guard rename(temporary, path) == 0 else {
                throw CommandError("Cannot write '\(path)': cannot rename the temporary file over it (\(PathKind.systemError)). Nothing was changed.")
            }
            committed = true
        }

        func discard() {
            guard !committed else { return }
            try? handle.close()
            unlink(temporary)
        }
    }
}
