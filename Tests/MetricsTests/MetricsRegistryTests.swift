import Metrics
import Testing

@Suite struct MetricsRegistryTests {
    @Test func rendersCountersWithLabelsInTextFormat() {
        let registry = MetricsRegistry()
        let requests = registry.counter("brickyard_operations_total", help: "Operations by type and result.", labels: ["type", "result"])
        requests.increment("volume_create", "success")
        requests.increment("volume_create", "success")
        requests.increment("volume_delete", "failure", by: 3)
        #expect(registry.value(of: "brickyard_operations_total", labels: ["volume_create", "success"]) == 2)
        #expect(
            registry.render() == """
                # HELP brickyard_operations_total Operations by type and result.
                # TYPE brickyard_operations_total counter
                brickyard_operations_total{type="volume_create",result="success"} 2
                brickyard_operations_total{type="volume_delete",result="failure"} 3

                """)
    }

    @Test func histogramBucketsAreCumulative() {
        let registry = MetricsRegistry()
        let durations = registry.histogram("d_seconds", help: "Durations.", labels: ["route"], buckets: [0.1, 1])
        durations.observe(0.05, "/hello")
        durations.observe(0.5, "/hello")
        durations.observe(5, "/hello")
        let text = registry.render()
        #expect(text.contains("d_seconds_bucket{route=\"/hello\",le=\"0.1\"} 1\n"))
        #expect(text.contains("d_seconds_bucket{route=\"/hello\",le=\"1\"} 2\n"))
        #expect(text.contains("d_seconds_bucket{route=\"/hello\",le=\"+Inf\"} 3\n"))
        #expect(text.contains("d_seconds_sum{route=\"/hello\"} 5.55\n"))
        #expect(text.contains("d_seconds_count{route=\"/hello\"} 3\n"))
    }

    @Test func collectorsReportGaugesAtScrapeTimeAndLabelsAreEscaped() {
        let registry = MetricsRegistry()
        registry.addCollector {
            [
                GaugeSample(name: "heketi_up", help: "Is heketi running?", value: 1),
                GaugeSample(name: "heketi_nodes_count", help: "Number of nodes on cluster", labels: [("cluster", "c\"1\n")], value: 3),
            ]
        }
        #expect(
            registry.render() == """
                # HELP heketi_up Is heketi running?
                # TYPE heketi_up gauge
                heketi_up 1
                # HELP heketi_nodes_count Number of nodes on cluster
                # TYPE heketi_nodes_count gauge
                heketi_nodes_count{cluster="c\\"1\\n"} 3

                """)
    }

    @Test func concurrentIncrementsAreAllCounted() async {
        let registry = MetricsRegistry()
        let counter = registry.counter("c_total", help: "c")
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask { for _ in 0..<500 { counter.increment() } }
            }
        }
        #expect(registry.value(of: "c_total") == 10_000)
    }
}
