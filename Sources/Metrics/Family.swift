/// One metric family's declaration and samples, keyed by label values in declaration order.
struct Family {
    enum Kind {
        case counter(labels: [String])
        case histogram(labels: [String])
    }

    var help: String
    var kind: Kind
    var buckets: [Double]
    var values: [[String]: Double] = [:]
    var series: [[String]: HistogramSeries] = [:]

    init(help: String, kind: Kind, buckets: [Double]) {
        self.help = help
        self.kind = kind
        self.buckets = buckets
    }

    func render(name: String) -> String {
        switch self.kind {
        case .counter(let labelNames):
            var output = "# HELP \(name) \(Exposition.escapeHelp(self.help))\n# TYPE \(name) counter\n"
            for labels in self.values.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                let pairs = Array(zip(labelNames, labels))
                output += "\(name)\(Exposition.labels(pairs)) \(Exposition.number(self.values[labels] ?? 0))\n"
            }
            return output
        case .histogram(let labelNames):
            var output = "# HELP \(name) \(Exposition.escapeHelp(self.help))\n# TYPE \(name) histogram\n"
            for labels in self.series.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                guard let series = self.series[labels] else { continue }
                let pairs = Array(zip(labelNames, labels))
                for (index, bound) in self.buckets.enumerated() {
                    let bucketLabels = Exposition.labels(pairs + [("le", Exposition.number(bound))])
                    output += "\(name)_bucket\(bucketLabels) \(series.counts[index])\n"
                }
                output += "\(name)_bucket\(Exposition.labels(pairs + [("le", "+Inf")])) \(series.count)\n"
                output += "\(name)_sum\(Exposition.labels(pairs)) \(Exposition.number(series.sum))\n"
                output += "\(name)_count\(Exposition.labels(pairs)) \(series.count)\n"
            }
            return output
        }
    }
}

/// Cumulative bucket counts of one histogram series.
struct HistogramSeries {
    var counts: [UInt64]
    var count: UInt64 = 0
    var sum: Double = 0

    init(bucketCount: Int) {
        self.counts = Array(repeating: 0, count: bucketCount)
    }
}

extension HistogramSeries {
    /// Counts `value` in every bucket whose upper bound it does not exceed.
    mutating func record(_ value: Double, buckets: [Double]) {
        for (index, bound) in buckets.enumerated() where value <= bound { self.counts[index] += 1 }
        self.count += 1
        self.sum += value
    }
}
