import GradscopeCore

/// The JSON of `gradscope inspect` (and of `/api/inspect`): the same keys for a trace and for a log;
/// what a log cannot tell is null or empty. `firstNonFinite`, `firstInfinity`, `firstNaN`,
/// `firstNonFiniteLossStep`, `chain` and `lossScale` (and an event's module, module type, call index
/// and operation) are written as null when absent.
public struct InspectDocument: Encodable, Sendable {
    public struct Source: Encodable, Sendable {
        public var path: String
        /// `trace`, `trainer-state` or `tensorboard`.
        public var kind: String
        public var schemaVersion: Int?
        public var probeVersion: String?
        public var torchVersion: String?
        public var ops: Bool?
        public var every: Int?
        /// The tag or key each series was read from (logs).
        public var tags: [String: String]
    }

    /// The first non-finite event in the shape: where, what, and why.
    public struct Event: Encodable, Sendable {
        public struct Cause: Encodable, Sendable {
            public var kind: String
            public var text: String
        }

        public var step: Int
        public var pass: String
        @NullWhenAbsent public var module: String?
        @NullWhenAbsent public var moduleType: String?
        @NullWhenAbsent public var callIndex: Int?
        @NullWhenAbsent public var operation: String?
        /// "NaN", "Infinity" or "-Infinity".
        public var value: Double
        public var tensor: String
        public var cause: Cause

        init(_ a: Anomaly) {
            step = a.step
            pass = a.pass.rawValue
            module = a.module
            moduleType = a.moduleType
            callIndex = a.callIndex
            operation = a.frameworkOperation
            value = a.result
            tensor = a.operation
            cause = Cause(kind: (a.causeKind ?? .unknown).rawValue, text: a.cause)
        }
    }

    /// One step: the trace's steps table, or a log's entries.
    public struct Step: Encodable, Sendable {
        public var step: Int
        public var loss: Double?
        public var gradNorm: Double?
        public var scale: Double?
        public var skipped: Bool?
        public var learningRates: [Double]
        public var wallSeconds: Double?
        public var full: Bool?
    }

    public var source: Source
    @NullWhenAbsent public var firstNonFinite: Event?
    @NullWhenAbsent public var firstInfinity: Anomaly?
    @NullWhenAbsent public var firstNaN: Anomaly?
    public var propagators: [TraceInspection.Propagator]
    public var laterSteps: [Event]
    public var parametersGoneNonFinite: [NonFiniteParameter]
    @NullWhenAbsent public var firstNonFiniteLossStep: Int?
    public var skippedSteps: [Int]
    public var modules: [TraceInspection.ModuleHealth]
    @NullWhenAbsent public var chain: TraceInspection.ChainGain?
    @NullWhenAbsent public var lossScale: TraceInspection.LossScaleRange?
    public var steps: [Step]
    public var spikes: [Int]
    public var remedies: [TraceRemedy]

    init(trace: TraceFile, inspection: TraceInspection) {
        source = Source(path: trace.path, kind: "trace", schemaVersion: trace.meta["schema_version"].flatMap { Int($0) },
                        probeVersion: trace.meta["probe_version"], torchVersion: trace.meta["torch_version"],
                        ops: trace.watchesOperations, every: trace.meta["every"].flatMap { Int($0) }, tags: [:])
        firstNonFinite = inspection.firstNonFinite.map(Event.init)
        firstInfinity = inspection.firstInfinity
        firstNaN = inspection.firstNaN
        propagators = inspection.propagators
        laterSteps = inspection.laterSteps.map(Event.init)
        parametersGoneNonFinite = inspection.parametersGoneNonFinite
        firstNonFiniteLossStep = inspection.firstNonFiniteLossStep
        skippedSteps = inspection.skippedSteps
        modules = inspection.modules
        chain = inspection.chain
        lossScale = inspection.lossScale
        steps = inspection.steps.map {
            Step(step: $0.step, loss: $0.loss, gradNorm: $0.gradientNorm, scale: $0.scale, skipped: $0.skipped,
                 learningRates: $0.learningRates, wallSeconds: $0.wallSeconds, full: $0.full)
        }
        spikes = []
        remedies = inspection.remedies
    }

    init(log: TrainingLogFile, inspection: LogInspection) {
        source = Source(path: log.path, kind: log.source.rawValue, tags: log.tags)
        firstNonFinite = inspection.firstNonFinite.map(Event.init)
        firstInfinity = inspection.firstNonFinite.flatMap { $0.kind == .infinity ? $0 : nil }
        firstNaN = inspection.firstNonFinite.flatMap { $0.kind == .nan ? $0 : nil }
        propagators = []
        laterSteps = []
        parametersGoneNonFinite = []
        firstNonFiniteLossStep = log.entries.first { $0.loss.map { !$0.isFinite } ?? false }?.step
        let scales = log.entries.compactMap(\.scale)
        skippedSteps = zip(log.entries.filter { $0.scale != nil }, scales.dropFirst()).filter { $0.scale! > $1 }.map(\.0.step)
        modules = []
        chain = nil
        lossScale = nil
        steps = log.entries.map {
            Step(step: $0.step, loss: $0.loss, gradNorm: $0.gradientNorm, scale: $0.scale, skipped: nil,
                 learningRates: $0.learningRate.map { [$0] } ?? [], wallSeconds: nil, full: nil)
        }
        spikes = inspection.spikes
        remedies = inspection.remedies
    }
}
