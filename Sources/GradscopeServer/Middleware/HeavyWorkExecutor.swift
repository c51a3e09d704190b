import Dispatch

/// Where heavy requests compute: threads of their own, outside Swift's cooperative pool, so
/// that while a surface or a deep sweep is being computed the pool stays free to read
/// requests and answer the cheap ones (`/api/health`, the page, 503s) at once.
///
/// How many requests compute at the same time is ``ComputeGate``'s business; this executor
/// runs whatever it is given.
final class HeavyWorkExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "gradscope.heavy-work", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
