import GradscopeNumerics
/// A model's parameters, or their gradients, as named groups of numbers: one group per
/// layer (its weights, then its bias) or per named parameter of a formula.
///
/// Gradient descent, clipping and the per-layer norms all work group by group, as
/// PyTorch works tensor by tensor.
///
/// ```swift
/// var g = ParameterGroups<Float>(names: ["layer 1", "layer 2"], values: [[3, 0], [4]])
/// g.norm()                                    // 5
/// let total = try g.clipGradNorm(maxNorm: 1)  // 5; g is now [[0.6, 0], [0.8]] (× 1/(5 + 1e−6))
/// ```
public struct ParameterGroups<T: GradFloat>: Hashable, Sendable {
    /// One name per group: "layer 1", "w", …
    public var names: [String]
    /// The numbers of each group.
    public var values: [[T]]

    public init(names: [String], values: [[T]]) {
        precondition(names.count == values.count, "\(names.count) names for \(values.count) groups.")
        self.names = names
        self.values = values
    }

    /// Groups of the same names and sizes, every number `value`.
    public init(repeating value: T, like shape: ParameterGroups<some GradFloat>) {
        self.init(names: shape.names, values: shape.values.map { Array(repeating: value, count: $0.count) })
    }

    /// The same numbers in another precision, each rounded once.
    public func converted<U: GradFloat>(to type: U.Type = U.self) -> ParameterGroups<U> {
        ParameterGroups<U>(names: names, values: values.map { $0.map { U($0) } })
    }

    /// The number of scalars in all groups.
    public var count: Int { values.reduce(0) { $0 + $1.count } }

    /// Whether every number is finite.
    public var isFinite: Bool { values.allSatisfy { $0.allSatisfy(\.isFinite) } }

    /// Every number passed through `transform`.
    public func map(_ transform: (T) -> T) -> ParameterGroups {
        ParameterGroups(names: names, values: values.map { $0.map(transform) })
    }

    /// The group and index of the first number (in group order) for which `predicate` holds.
    public func firstIndex(where predicate: (T) -> Bool) -> (group: Int, index: Int)? {
        for (g, group) in values.enumerated() {
            if let i = group.firstIndex(where: predicate) { return (g, i) }
        }
        return nil
    }
}
