import Foundation
import KubernetesAPI
import Testing

@Suite struct EventObjectTests {
    private func decoded(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    private let volume = EventObject.Regarding(
        apiVersion: "brickyard.io/v1alpha1", kind: "GlusterVolume", name: "data", namespace: "shop", uid: "u-1")

    @Test func aNewEventNamesItsObjectControllerAndTime() throws {
        let event = EventObject(regarding: self.volume, severity: .normal, reason: "Created", action: "Reconcile", note: "volume created")
        let time = Date(timeIntervalSince1970: 1_800_000_000.25)
        let body = try self.decoded(event.body(name: "data.1", time: time, controller: "brickyard.io/operator", instance: "pod-a"))
        #expect(body["apiVersion"] as? String == "events.k8s.io/v1")
        #expect((body["metadata"] as? [String: Any])?["namespace"] as? String == "shop")
        #expect(body["eventTime"] as? String == "2027-01-15T08:00:00.250000Z")
        #expect(body["type"] as? String == "Normal")
        #expect(body["reportingInstance"] as? String == "pod-a")
        let regarding = try #require(body["regarding"] as? [String: Any])
        #expect(regarding["uid"] as? String == "u-1")
        #expect(regarding["kind"] as? String == "GlusterVolume")
    }

    @Test func clusterScopedObjectsReportInDefaultAndLongNotesAreCut() {
        let node = EventObject.Regarding(apiVersion: "brickyard.io/v1alpha1", kind: "GlusterNode", name: "n1", namespace: nil, uid: nil)
        let event = EventObject(regarding: node, severity: .warning, reason: "DeletionRefused", action: "Delete", note: String(repeating: "x", count: 5000))
        #expect(event.namespace == "default")
        #expect(event.note.count == 1024)
    }

    @Test func aRepeatPatchesTheSeries() throws {
        let patch = try self.decoded(EventObject.seriesPatch(count: 3, time: Date(timeIntervalSince1970: 0)))
        let series = try #require(patch["series"] as? [String: Any])
        #expect(series["count"] as? Int == 3)
        #expect(series["lastObservedTime"] as? String == "1970-01-01T00:00:00.000000Z")
    }

    @Test func metadataIsReadFromAnyObject() throws {
        let object = Data(#"{"kind":"GlusterVolume","metadata":{"name":"data","namespace":"shop","uid":"u","resourceVersion":"7","generation":2,"deletionTimestamp":"2026-01-01T00:00:00Z","finalizers":["brickyard.io/teardown"]},"spec":{}}"#.utf8)
        let metadata = try #require(ObjectMetadata.of(object))
        #expect(metadata.key == "shop/data")
        #expect(metadata.generation == 2)
        #expect(metadata.isBeingDeleted)
        #expect(metadata.hasFinalizer("brickyard.io/teardown"))
        #expect(ObjectMetadata.of(Data("[]".utf8)) == nil)
        #expect(ObjectMetadata(name: "n1").key == "n1")
    }
}
