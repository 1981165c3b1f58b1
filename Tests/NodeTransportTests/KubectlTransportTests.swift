import Foundation
import NodeTransport
import Testing

@Suite struct KubectlTransportTests {
    static let pods = """
        {"items": [
          {"metadata": {"name": "glusterfs-old"}, "spec": {"nodeName": "node1"}, "status": {"phase": "Failed"}},
          {"metadata": {"name": "glusterfs-a1"}, "spec": {"nodeName": "node1"}, "status": {"phase": "Running"}},
          {"metadata": {"name": "glusterfs-b2"}, "spec": {"nodeName": "node2"}, "status": {"phase": "Running"}}
        ]}
        """

    @Test func podsAreChosenAsHeketiDoes() {
        #expect(KubectlTransport.choosePod(fromJSON: Self.pods, host: "node2", selection: .label) == "glusterfs-a1")
        #expect(KubectlTransport.choosePod(fromJSON: Self.pods, host: "node2", selection: .daemonSet) == "glusterfs-b2")
        #expect(KubectlTransport.choosePod(fromJSON: Self.pods, host: "node3", selection: .daemonSet) == nil)
        #expect(KubectlTransport.choosePod(fromJSON: #"{"items": []}"#, host: "node1", selection: .label) == nil)
        #expect(KubectlTransport.choosePod(fromJSON: "not json", host: "node1", selection: .label) == nil)
    }

    @Test func argumentsNameNamespaceContainerAndConfiguration() {
        let transport = KubectlTransport(
            settings: .init(
                namespace: "storage", container: "glusterfs", kubeconfig: "/etc/kube/config", context: "prod",
                selection: .daemonSet))
        #expect(
            transport.execArguments(["gluster", "--mode=script", "pool", "list"], pod: "glusterfs-b2") == [
                "kubectl", "--kubeconfig", "/etc/kube/config", "--context", "prod", "exec", "-n", "storage",
                "glusterfs-b2", "-c", "glusterfs", "--", "gluster", "--mode=script", "pool", "list",
            ])
        #expect(
            transport.lookupArguments(for: "node2") == [
                "kubectl", "--kubeconfig", "/etc/kube/config", "--context", "prod", "get", "pods", "-n", "storage",
                "-l", "glusterfs-node", "-o", "json",
            ])
        let labelled = KubectlTransport(settings: .init(namespace: "storage"))
        #expect(labelled.lookupArguments(for: "node2").suffix(4) == ["-l", "glusterfs-node=node2", "-o", "json"])
    }

    /// A stand-in kubectl: `get pods` prints the list (and counts lookups), `exec` runs what follows `--`.
    @Test func execRunsInTheNodesPodAndTheLookupIsRemembered() async throws {
        let tools = try FakeTools()
        try Self.pods.write(toFile: tools.path("pods.json"), atomically: true, encoding: .utf8)
        let kubectl = try tools.script(
            "kubectl",
            """
            case "$1" in
              get) echo lookup >> '\(tools.path("lookups"))'; cat '\(tools.path("pods.json"))' ;;
              exec) while [ "$1" != "--" ]; do shift; done; shift; "$@" ;;
            esac
            """)
        let transport = KubectlTransport(settings: .init(namespace: "storage", selection: .daemonSet, program: kubectl))
        let first = try await transport.run(["echo", "hello"], on: "node2", timeout: .seconds(5))
        let second = try await transport.run(["echo", "again"], on: "node2", timeout: .seconds(5))
        #expect(first.stdout == "hello\n")
        #expect(second.stdout == "again\n")
        #expect(tools.read("lookups") == "lookup\n")
        // A failing command's own message survives; kubectl's trailing line is dropped.
        let failing = try await transport.run(["sh", "-c", "echo 'real problem' >&2; echo 'command terminated with exit code 3' >&2; exit 3"], on: "node2", timeout: .seconds(5))
        #expect(failing.exitCode == 3)
        #expect(failing.lastMessageLine == "real problem")
        await #expect(throws: TransportError.self) {
            _ = try await transport.run(["true"], on: "node7", timeout: .seconds(5))
        }
    }
}
