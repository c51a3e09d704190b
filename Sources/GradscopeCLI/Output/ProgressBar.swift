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
        redraw(percent: min(100, done * 100 / total), label: label)
    }

    /// Draws `done` of `total` (the total given here, not the one at `init`); redraws only when the
    /// percentage changes. A `total` of 0 or less draws 100%.
    func draw(done: Int, of total: Int, label: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        redraw(percent: total > 0 ? max(0, min(100, done * 100 / total)) : 100, label: label)
    }

    /// Call with `lock` held.
    private func redraw(percent: Int, label: String) {
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
        lastDrawn = -1
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
