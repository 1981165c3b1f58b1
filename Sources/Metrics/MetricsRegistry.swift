internal import Synchronization

/// Holds Prometheus metrics and renders them in the text exposition format for `GET /metrics`.
///
/// Counters and histograms are updated from many threads (HTTP handlers, the applier), so every family's
/// samples live behind one `Mutex` owned by the registry. Gauges that describe the topology (clusters,
/// nodes, device sizes) are not stored: a collector computes them at scrape time from a snapshot, so they
/// can never drift from the store.
public final class MetricsRegistry: Sendable {
    private let state = Mutex(State())
    private let collectors = Mutex<[@Sendable () -> [GaugeSample]]>([])

    struct State {
        var families: [String: Family] = [:]
        var order: [String] = []
    }

    public init() {}

    /// Declares a counter; declaring it again returns the same one.
    public func counter(_ name: String, help: String, labels: [String] = []) -> Counter {
        self.declare(name, help: help, kind: .counter(labels: labels), buckets: [])
        return Counter(registry: self, name: name, labelNames: labels)
    }

    /// Declares a histogram with upper bounds `buckets` (seconds for durations).
    public func histogram(
        _ name: String, help: String, labels: [String] = [],
        buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    ) -> Histogram {
        self.declare(name, help: help, kind: .histogram(labels: labels), buckets: buckets.sorted())
        return Histogram(registry: self, name: name, labelNames: labels)
    }

    /// Adds a function that reports gauges computed at scrape time.
    public func addCollector(_ collector: @escaping @Sendable () -> [GaugeSample]) {
        self.collectors.withLock { $0.append(collector) }
    }

    private func declare(_ name: String, help: String, kind: Family.Kind, buckets: [Double]) {
        self.state.withLock { state in
            guard state.families[name] == nil else { return }
            state.families[name] = Family(help: help, kind: kind, buckets: buckets)
            state.order.append(name)
        }
    }

    func add(_ value: Double, to name: String, labels: [String]) {
        self.state.withLock { state in
            state.families[name]?.values[labels, default: 0] += value
        }
    }

    func observe(_ value: Double, in name: String, labels: [String]) {
        self.state.withLock { state in
            guard let buckets = state.families[name]?.buckets else { return }
            // Mutated in place: copying the family out would copy every series on each observation.
            state.families[name]?.series[labels, default: HistogramSeries(bucketCount: buckets.count)]
                .record(value, buckets: buckets)
        }
    }

    /// The current value of a counter series (for tests and status pages).
    public func value(of name: String, labels: [String] = []) -> Double {
        self.state.withLock { $0.families[name]?.values[labels] ?? 0 }
    }

    /// Renders every family in the Prometheus text format, version 0.0.4.
    ///
    /// `additionalGauges` are rendered with the collectors' samples: gauges the caller computed from state it had to
    /// await, such as a store snapshot.
    public func render(additionalGauges: [GaugeSample] = []) -> String {
        var output = ""
        let gauges = self.collectors.withLock { $0 }.flatMap { $0() } + additionalGauges
        var gaugeOrder: [String] = []
        var gaugeGroups: [String: [GaugeSample]] = [:]
        for sample in gauges {
            if gaugeGroups[sample.name] == nil { gaugeOrder.append(sample.name) }
            gaugeGroups[sample.name, default: []].append(sample)
        }
        for name in gaugeOrder {
            let samples = gaugeGroups[name] ?? []
            output += "# HELP \(name) \(Exposition.escapeHelp(samples[0].help))\n# TYPE \(name) gauge\n"
            for sample in samples {
                output += "\(name)\(Exposition.labels(sample.labels)) \(Exposition.number(sample.value))\n"
            }
        }
        self.state.withLock { state in
            for name in state.order {
                guard let family = state.families[name] else { continue }
                output += family.render(name: name)
            }
        }
        return output
    }
}

/// One gauge value reported by a collector.
public struct GaugeSample: Sendable, Hashable {
    public var name: String
    public var help: String
    public var labels: [(String, String)]
    public var value: Double

    public init(name: String, help: String, labels: [(String, String)] = [], value: Double) {
        self.name = name
        self.help = help
        self.labels = labels
        self.value = value
    }

    public static func == (lhs: GaugeSample, rhs: GaugeSample) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value && lhs.labels.map(\.0) == rhs.labels.map(\.0)
            && lhs.labels.map(\.1) == rhs.labels.map(\.1)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.name)
        hasher.combine(self.value)
    }
}
