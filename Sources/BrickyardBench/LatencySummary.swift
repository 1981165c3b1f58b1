/// Percentiles of a set of latencies, reported in milliseconds.
struct LatencySummary {
    private(set) var sortedSeconds: [Double]

    init(seconds: [Double]) {
        self.sortedSeconds = seconds.sorted()
    }

    init(_ durations: [Duration]) {
        self.init(seconds: durations.map(\.seconds))
    }

    var count: Int { self.sortedSeconds.count }

    /// The nearest-rank percentile (`fraction` 0.5 for the median), in milliseconds; 0 when empty.
    func milliseconds(at fraction: Double) -> Double {
        guard !self.sortedSeconds.isEmpty else { return 0 }
        let rank = Int((fraction * Double(self.sortedSeconds.count)).rounded(.up))
        return self.sortedSeconds[min(max(rank, 1), self.sortedSeconds.count) - 1] * 1e3
    }

    var maxMilliseconds: Double { (self.sortedSeconds.last ?? 0) * 1e3 }

    /// Adds `p50Ms`, `p99Ms` and `maxMs`.
    func add(to line: inout JSONLine) {
        line.add("p50Ms", self.milliseconds(at: 0.5), digits: 2)
        line.add("p99Ms", self.milliseconds(at: 0.99), digits: 2)
        line.add("maxMs", self.maxMilliseconds, digits: 2)
    }
}
