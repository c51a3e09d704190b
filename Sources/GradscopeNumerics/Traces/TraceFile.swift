/// A trace of a PyTorch training run, written by `gradscope_probe` (schema version 1,
/// `docs/trace-schema.md`) and read by ``TraceFile/init(contentsOf:)`` as hostile input.
///
/// ```swift
/// let trace = try TraceFile(contentsOf: "run.gstrace")
/// trace.records.first { !$0.statistics.isFinite }   // the first non-finite tensor in execution order
/// ```
public struct TraceFile: Sendable {
    /// The schema version this reader understands.
    public static let schemaVersion = 1

    public var path: String
    /// The `meta` table: `schema_version`, `probe_version`, `torch_version`, `every`, `ops`, …
    public var meta: [String: String]
    /// In `model.named_modules()` order (the root first).
    public var modules: [TraceModule]
    public var parameters: [TraceParameter]
    /// Optimizer steps, from 1, in order.
    public var steps: [TraceStep]
    /// Every `stats` row, by step and then execution order.
    public var records: [TraceRecord]
    /// Exponent histograms summed over the full steps before the first step with a non-finite value
    /// (all full steps when the run stayed finite), per tensor.
    public var healthyHistograms: [HistogramKey: ExponentHistogram]

    public init(path: String, meta: [String: String], modules: [TraceModule], parameters: [TraceParameter],
                steps: [TraceStep], records: [TraceRecord], healthyHistograms: [HistogramKey: ExponentHistogram] = [:]) {
        self.path = path
        self.meta = meta
        self.modules = modules
        self.parameters = parameters
        self.steps = steps
        self.records = records
        self.healthyHistograms = healthyHistograms
    }

    public func module(_ id: Int?) -> TraceModule? {
        guard let id else { return nil }
        return moduleIndex[id].map { modules[$0] }
    }

    public func parameter(_ id: Int?) -> TraceParameter? {
        guard let id else { return nil }
        return parameters.first { $0.id == id }
    }

    private var moduleIndex: [Int: Int] {
        Dictionary(modules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// `true` when the probe watched every ATen operation (`ops=True`).
    public var watchesOperations: Bool { meta["ops"] == "1" }
}

/// Which tensor a histogram belongs to: its kind, module and parameter.
public struct HistogramKey: Hashable, Sendable {
    public var kind: TraceRecord.Kind
    public var moduleID: Int?
    public var parameterID: Int?

    public init(kind: TraceRecord.Kind, moduleID: Int?, parameterID: Int?) {
        self.kind = kind
        self.moduleID = moduleID
        self.parameterID = parameterID
    }
}

/// A row of the `modules` table.
public struct TraceModule: Hashable, Sendable, Codable {
    public var id: Int
    /// As `named_modules()` names it; the root is "".
    public var name: String
    /// The class name: `Linear`, `Tanh`, …
    public var type: String
    public var isLeaf: Bool

    public init(id: Int, name: String, type: String, isLeaf: Bool) {
        self.id = id
        self.name = name
        self.type = type
        self.isLeaf = isLeaf
    }

    /// The name, or "(root)" for the model itself.
    public var displayName: String { name.isEmpty ? "(root)" : name }
}

/// A row of the `parameters` table.
public struct TraceParameter: Hashable, Sendable, Codable {
    public var id: Int
    public var name: String
    public var moduleID: Int
    public var shape: String
    public var dtype: String

    public init(id: Int, name: String, moduleID: Int, shape: String, dtype: String) {
        self.id = id
        self.name = name
        self.moduleID = moduleID
        self.shape = shape
        self.dtype = dtype
    }
}

/// A row of the `steps` table with its learning rates; non-finite values restored from the `*_class` columns.
public struct TraceStep: Hashable, Sendable, Codable {
    public var step: Int
    /// nil when not recorded; NaN or ±Inf when the loss was.
    public var loss: Double?
    /// The total L2 norm of the unscaled parameter gradients; nil when not recorded.
    public var gradientNorm: Double?
    /// GradScaler's scale in this step; nil without a scaler.
    public var scale: Double?
    public var skipped: Bool
    /// Full statistics were recorded (every k-th step).
    public var full: Bool
    public var wallSeconds: Double
    /// One per optimizer parameter group.
    public var learningRates: [Double]

    public init(step: Int, loss: Double?, gradientNorm: Double?, scale: Double?, skipped: Bool, full: Bool,
                wallSeconds: Double, learningRates: [Double]) {
        self.step = step
        self.loss = loss
        self.gradientNorm = gradientNorm
        self.scale = scale
        self.skipped = skipped
        self.full = full
        self.wallSeconds = wallSeconds
        self.learningRates = learningRates
    }
}
