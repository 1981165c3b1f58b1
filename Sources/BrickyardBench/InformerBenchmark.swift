import Foundation
import HTTPServer
import HTTPTypes
import KubernetesAPI
import KubernetesClient

/// `informer`: an informer lists `objects` GlusterVolumes (pages of 500, each object as the API server would send
/// one with status) from a local server whose watch stays quiet, and holds them in its cache. Prints the time to
/// sync, the resident memory the cache added, and the bytes per object, in one line.
struct InformerBenchmark {
    var objects: Int

    init(quick: Bool) {
        self.objects = quick ? 1000 : 10_000
    }

    static func object(_ index: Int) -> String {
        let name = "volume-\(index)"
        return #"{"apiVersion":"brickyard.io/v1alpha1","kind":"GlusterVolume","metadata":{"name":"\#(name)","namespace":"team-\#(index % 50)","uid":"\#(UUID().uuidString.lowercased())","resourceVersion":"\#(index + 1)","generation":1,"finalizers":["brickyard.io/teardown"],"creationTimestamp":"2026-12-02T10:00:00Z"},"spec":{"size":"10Gi","durability":{"type":"Replicate","replica":3},"deletionPolicy":"Delete"},"status":{"phase":"Ready","observedGeneration":1,"volumeID":"\#(String(format: "%032x", index))","volumeName":"team-\#(index % 50)_\#(name)","conditions":[{"type":"Ready","status":"True","reason":"VolumeReady","message":"volume is as the claim asks","lastTransitionTime":"2026-12-02T10:00:00Z","observedGeneration":1}]}}"#
    }

    func run() async throws {
        let count = self.objects
        let pages = stride(from: 0, to: count, by: 500).map { start in
            (start..<min(start + 500, count)).map(Self.object).joined(separator: ",")
        }
        let server = HTTPServerDaemon { request in
            if request.queryValue("watch") == "1" {
                try? await Task.sleep(for: .seconds(2))
                return HTTPServerResponse(body: [])
            }
            let page = Int(request.queryValue("continue") ?? "0") ?? 0
            let next = page + 1 < pages.count ? #","continue":"\#(page + 1)""# : ""
            let body = #"{"kind":"GlusterVolumeList","metadata":{"resourceVersion":"\#(count + 1)"\#(next)},"items":[\#(pages[page])]}"#
            return HTTPServerResponse(headers: ["Content-Type": "application/json"], body: Array(body.utf8))
        }
        try server.start()
        let client = KubernetesClient(endpoint: KubeEndpoint(server: "http://127.0.0.1:\(server.port ?? 0)", namespace: "default"))
        let before = Self.residentBytes()
        let started = ContinuousClock.now
        let informer = Informer(client: client, kind: .glusterVolumes) { _ in }
        let running = Task { await informer.run() }
        while !informer.hasSynced { try await Task.sleep(for: .milliseconds(5)) }
        let synced = ContinuousClock.now - started
        let after = Self.residentBytes()
        running.cancel()
        await server.stop()
        var line = JSONLine(scenario: "informer")
        line.add("objects", informer.objects.count)
        line.add("syncSeconds", Double(synced.components.seconds) + Double(synced.components.attoseconds) / 1e18, digits: 3)
        line.add("cacheResidentMB", Double(max(0, after - before)) / 1_048_576, digits: 1)
        line.add("bytesPerObject", max(0, after - before) / max(1, count))
        line.add("objectJSONBytes", Self.object(count / 2).utf8.count)
        line.print()
    }

    /// This process's resident set (VmRSS in /proc/self/status), in bytes.
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }
}
