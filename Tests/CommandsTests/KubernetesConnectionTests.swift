@testable import Commands
import KubernetesAPI
import Testing

@Suite struct KubernetesConnectionTests {
    private static let kubeconfig = """
        apiVersion: v1
        kind: Config
        current-context: lab
        clusters:
        - name: lab
          cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}
        users:
        - name: admin
          user: {token: abc}
        contexts:
        - name: lab
          context: {cluster: lab, user: admin, namespace: storage}
        - name: other
          context: {cluster: lab, user: admin}
        """

    private let inPod = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443", "HOME": "/root"]

    private func read(_ files: [String: String]) -> (String) -> String? { { files[$0] } }

    @Test func aPodWithNoKubeconfigUsesItsServiceAccount() throws {
        let endpoint = try KubernetesConnection.endpoint(
            kubeconfig: nil, context: nil, environment: self.inPod,
            read: self.read([KubeEndpoint.serviceAccountDirectory + "/namespace": "brickyard\n"]))
        #expect(endpoint.server == "https://10.96.0.1:443")
        #expect(endpoint.namespace == "brickyard")
        #expect(endpoint.credentials == .tokenFile(KubeEndpoint.serviceAccountDirectory + "/token"))
    }

    @Test func aKubeconfigFlagWinsOverThePodAndPicksTheContext() throws {
        let read = self.read(["/etc/kube.yaml": Self.kubeconfig])
        let current = try KubernetesConnection.endpoint(kubeconfig: "/etc/kube.yaml", context: nil, environment: self.inPod, read: read)
        #expect(current.server == "https://127.0.0.1:6443")
        #expect(current.namespace == "storage")
        #expect(current.credentials == .bearerToken("abc"))
        #expect(current.insecureSkipTLSVerify)
        let other = try KubernetesConnection.endpoint(kubeconfig: "/etc/kube.yaml", context: "other", environment: [:], read: read)
        #expect(other.namespace == "default")
    }

    @Test func whatCannotBeUsedIsOneLine() {
        #expect(throws: UsageError("cannot read the kubeconfig /nowhere")) {
            try KubernetesConnection.endpoint(kubeconfig: "/nowhere", context: nil, environment: [:], read: self.read([:]))
        }
        #expect(throws: UsageError("/etc/kube.yaml: has no context missing")) {
            try KubernetesConnection.endpoint(
                kubeconfig: "/etc/kube.yaml", context: "missing", environment: [:],
                read: self.read(["/etc/kube.yaml": Self.kubeconfig]))
        }
        // A $KUBECONFIG list skips files that are not there, as kubectl does.
        let endpoint = try? KubernetesConnection.endpoint(
            kubeconfig: nil, context: nil, environment: ["KUBECONFIG": "/gone:/etc/kube.yaml"],
            read: self.read(["/etc/kube.yaml": Self.kubeconfig]))
        #expect(endpoint?.namespace == "storage")
    }
}
