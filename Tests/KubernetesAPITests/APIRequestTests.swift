import Foundation
import KubernetesAPI
import Testing

/// What each verb asks of the API server, built without sending it.
@Suite struct APIRequestTests {
    @Test func pathsForCoreNamespacedAndClusterScopedKinds() {
        #expect(ResourceKind.persistentVolumeClaims.object("data", namespace: "shop") == "/api/v1/namespaces/shop/persistentvolumeclaims/data")
        #expect(ResourceKind.glusterVolumes.collection(namespace: nil) == "/apis/brickyard.io/v1alpha1/glustervolumes")
        #expect(ResourceKind.glusterNodes.object("n1", namespace: "ignored") == "/apis/brickyard.io/v1alpha1/glusternodes/n1")
        #expect(ResourceKind.glusterVolumes.object("v", namespace: "a", subresource: "status") == "/apis/brickyard.io/v1alpha1/namespaces/a/glustervolumes/v/status")
        #expect(ResourceKind.leases.object("brickyard", namespace: "kube-system") == "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/brickyard")
        #expect(ResourceKind.glusterVolumes.object("a b/c", namespace: "x") == "/apis/brickyard.io/v1alpha1/namespaces/x/glustervolumes/a%20b%2Fc")
    }

    @Test func listAndWatchCarryTheirQuery() {
        let page = APIRequest.list(.glusterVolumes, namespace: nil, limit: 500, continue: "eyJ2IjoxfQ==", labelSelector: "app in (a,b)")
        #expect(page.method == "GET")
        #expect(page.target == "/apis/brickyard.io/v1alpha1/glustervolumes?labelSelector=app%20in%20%28a%2Cb%29&limit=500&continue=eyJ2IjoxfQ%3D%3D")
        let watch = APIRequest.watch(.persistentVolumeClaims, namespace: nil, resourceVersion: "1234", timeoutSeconds: 290)
        #expect(watch.target == "/api/v1/persistentvolumeclaims?watch=1&resourceVersion=1234&allowWatchBookmarks=true&timeoutSeconds=290")
        #expect(watch.headers["Accept"] == "application/json")
    }

    @Test func writesSayTheirContentType() {
        let body = Array(#"{"status":{"phase":"Ready"}}"#.utf8)
        let patch = APIRequest.mergePatch(.glusterVolumes, "v", namespace: "a", subresource: "status", body: body)
        #expect(patch.method == "PATCH")
        #expect(patch.headers["Content-Type"] == "application/merge-patch+json")
        #expect(patch.body == body)
        let update = APIRequest.update(.glusterVolumes, "v", namespace: "a", body: body)
        #expect(update.method == "PUT" && update.headers["Content-Type"] == "application/json")
        #expect(APIRequest.create(.events, namespace: "a", body: body).target == "/apis/events.k8s.io/v1/namespaces/a/events")
    }

    @Test func aDeleteCarriesItsPreconditionsAndPropagation() throws {
        let delete = APIRequest.delete(.glusterVolumes, "v", namespace: "a", uid: "u-1", resourceVersion: "7", propagation: "Foreground")
        #expect(delete.method == "DELETE")
        let options = try #require(try JSONSerialization.jsonObject(with: Data(delete.body ?? [])) as? [String: Any])
        #expect(options["kind"] as? String == "DeleteOptions")
        #expect(options["propagationPolicy"] as? String == "Foreground")
        #expect((options["preconditions"] as? [String: String]) == ["uid": "u-1", "resourceVersion": "7"])
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(APIRequest.delete(.leases, "l", namespace: "n").body ?? [])) as? [String: Any])
        #expect(plain["preconditions"] == nil && plain["propagationPolicy"] == nil)
    }
}
