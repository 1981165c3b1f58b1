import DesiredState
import Foundation
import KubernetesAPI
import KubernetesOperator
import ReconcilePlanning
import Testing

@Suite struct StatusAndFinalizerTests {
    private let reference = ClaimReference(source: "kubernetes", namespace: "shop", name: "data")
    private let regarding = EventObject.Regarding(
        apiVersion: "brickyard.io/v1alpha1", kind: "GlusterVolume", name: "data", namespace: "shop", uid: "u-1")

    private func status(_ outcome: ClaimStatus.Outcome, after previous: ClaimStatus? = nil, at time: Int64 = 1_800_000_000) -> ClaimStatus {
        (previous ?? ClaimStatus(claim: self.reference, volumeName: "shop_data")).after(outcome, generation: 2, at: time)
    }

    @Test func theStatusPatchCarriesPhaseConditionsAndVolume() throws {
        let ready = self.status(.ready(volume: "0a1b", message: "volume shop_data is as the claim asks"))
        let patch = try #require(try JSONSerialization.jsonObject(with: Data(GlusterVolumeStatus.patch(ready))) as? [String: Any])
        let status = try #require(patch["status"] as? [String: Any])
        #expect(status["phase"] as? String == "Ready")
        #expect(status["volumeID"] as? String == "0a1b")
        #expect(status["observedGeneration"] as? Int == 2)
        let conditions = try #require(status["conditions"] as? [[String: Any]])
        #expect(conditions.map { $0["type"] as? String } == ["Ready", "Progressing", "Degraded"])
        #expect(conditions.map { $0["status"] as? String } == ["True", "False", "False"])
        #expect(conditions.allSatisfy { !($0["reason"] as? String ?? "").isEmpty })
        #expect(conditions.first?["lastTransitionTime"] as? String == "2027-01-15T08:00:00Z")
    }

    @Test func aFailureIsAFailedPhaseAndAWarningEvent() throws {
        let progressing = self.status(.progressing(message: "create volume shop_data (10 GiB)"))
        let failed = self.status(.failed(reason: "ReconcileFailed", message: "no space", retryAt: 5), after: progressing)
        #expect(GlusterVolumeStatus.phase(of: failed) == "Failed")
        let event = try #require(StatusEvents.event(from: progressing, to: failed, regarding: self.regarding))
        #expect(event.severity == .warning)
        #expect(event.reason == "Failed")
        #expect(event.note == "ReconcileFailed: no space")
        // The same failure again is no new transition: the recorder's series counts repeats of the first event.
        let again = self.status(.failed(reason: "ReconcileFailed", message: "no space", retryAt: 9), after: failed)
        #expect(StatusEvents.event(from: failed, to: again, regarding: self.regarding) == nil)
    }

    @Test func progressThenReadyAreNormalEventsOnce() throws {
        let progressing = self.status(.progressing(message: "expand volume shop_data to 20 GiB"))
        let started = try #require(StatusEvents.event(from: nil, to: progressing, regarding: self.regarding))
        #expect(started.reason == "Progressing")
        #expect(started.note == "expand volume shop_data to 20 GiB")
        let ready = self.status(.ready(volume: "0a1b", message: "volume shop_data is as the claim asks"), after: progressing)
        #expect(StatusEvents.event(from: progressing, to: ready, regarding: self.regarding)?.reason == "Ready")
        #expect(StatusEvents.event(from: ready, to: ready, regarding: self.regarding) == nil)
    }

    @Test func theFinalizerIsAddedOnceAndNeverToAnObjectBeingDeleted() throws {
        let fresh = Data(#"{"metadata":{"name":"data","resourceVersion":"4","finalizers":["other.io/x"]},"spec":{}}"#.utf8)
        let added = try #require(Finalizer.adding(to: fresh))
        let metadata = try #require(ObjectMetadata.of(added))
        #expect(metadata.finalizers == ["other.io/x", Finalizer.name])
        // The update carries the version it was read at, so a concurrent write makes it a 409.
        #expect(metadata.resourceVersion == "4")
        #expect(Finalizer.adding(to: added) == nil)
        let deleting = Data(#"{"metadata":{"name":"data","deletionTimestamp":"2026-12-02T10:00:00Z"}}"#.utf8)
        #expect(Finalizer.adding(to: deleting) == nil)
    }

    @Test func removingTheFinalizerKeepsOthers() throws {
        let object = Data(#"{"metadata":{"name":"data","finalizers":["brickyard.io/teardown","other.io/x"]}}"#.utf8)
        let removed = try #require(Finalizer.removing(from: object))
        #expect(ObjectMetadata.of(removed)?.finalizers == ["other.io/x"])
        #expect(Finalizer.removing(from: removed) == nil)
    }
}
