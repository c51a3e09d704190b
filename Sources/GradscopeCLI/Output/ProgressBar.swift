import Foundation

/// A one-line progress bar on stderr, shown only when stdout and stderr are terminals:
/// `[██████░░░░░░░░] 45%  clip-norm=1  step 30/100`.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private var done = 0
    private var lastDrawn = -1
    private let lock = NSLock()

    init(total: Int, enabled: Bool = isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1) {
        self.total = max(total, 1)
        self.enabled = enabled
    }

    /// Counts one unit of work and redraws when the percentage changes.
    func advance(label: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let percent = min(100, done * 100 / total)
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 24, filled = percent * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(percent)%  \(label)\u{1B}[K".utf8))
    }

    /// Clears the line.
    func clear() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
