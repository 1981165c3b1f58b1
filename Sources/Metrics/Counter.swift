/// A monotonically increasing count, with label values given per increment.
public struct Counter: Sendable {
    let registry: MetricsRegistry
    let name: String
    let labelNames: [String]

    /// Adds `amount` to the series with these label values (in declaration order).
    public func increment(_ labels: String..., by amount: Double = 1) {
        precondition(labels.count == self.labelNames.count, "\(self.name) takes labels \(self.labelNames)")
        self.registry.add(amount, to: self.name, labels: labels)
    }
}

/// A distribution of observations (durations in seconds), with label values given per observation.
public struct Histogram: Sendable {
    let registry: MetricsRegistry
    let name: String
    let labelNames: [String]

    public func observe(_ value: Double, _ labels: String...) {
        precondition(labels.count == self.labelNames.count, "\(self.name) takes labels \(self.labelNames)")
        self.registry.observe(value, in: self.name, labels: labels)
    }
}
