import KubernetesAPI
import Testing

/// Kubeconfig files as kubectl reads them, and the in-cluster service account.
@Suite struct KubeConfigTests {
    static let file = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: lab
          cluster:
            server: https://10.0.0.1:6443
            certificate-authority-data: aGVsbG8=
        - name: local
          cluster:
            server: https://127.0.0.1:6443
            certificate-authority: pki/ca.crt
            insecure-skip-tls-verify: false
            tls-server-name: kubernetes
        users:
        - name: admin
          user:
            client-certificate: pki/admin.crt
            client-key-data: a2V5
        - name: robot
          user:
            token: s3cret
        - name: rotating
          user:
            tokenFile: /var/run/token
        contexts:
        - name: dev
          context: {cluster: local, user: admin, namespace: storage}
        - name: lab
          context: {cluster: lab, user: robot}
        - name: broken
          context: {cluster: nowhere, user: robot}
        preferences: {}
        """

    @Test func theCurrentContextResolvesWithPathsRelativeToTheFile() throws {
        let config = try KubeConfig.parse(Self.file, path: "/home/op/.kube/config")
        let endpoint = try config.endpoint()
        #expect(endpoint.server == "https://127.0.0.1:6443")
        #expect(endpoint.namespace == "storage")
        #expect(endpoint.certificateAuthority == .file("/home/op/.kube/pki/ca.crt"))
        #expect(endpoint.tlsServerName == "kubernetes")
        #expect(endpoint.credentials == .clientCertificate(certificate: .file("/home/op/.kube/pki/admin.crt"), key: .data(Array("key".utf8))))
    }

    @Test func anotherContextByNameWithInlineDataAndAToken() throws {
        let config = try KubeConfig.parse(Self.file, path: "config")
        let endpoint = try config.endpoint(context: "lab")
        #expect(endpoint.server == "https://10.0.0.1:6443")
        #expect(endpoint.namespace == "default")
        #expect(endpoint.certificateAuthority == .data(Array("hello".utf8)))
        #expect(endpoint.credentials == .bearerToken("s3cret"))
    }

    @Test func badFilesAndContextsSayWhatIsWrongInOneLine() throws {
        let config = try KubeConfig.parse(Self.file, path: "config")
        #expect(throws: KubeConfigError("kubeconfig", "context broken names cluster nowhere, which is not defined")) {
            try config.endpoint(context: "broken")
        }
        #expect(throws: KubeConfigError("kubeconfig", "has no context prod")) { try config.endpoint(context: "prod") }
        #expect(throws: KubeConfigError("kubeconfig", "has no current-context; give --context")) {
            try KubeConfig.parse("clusters: []\n", path: "empty").endpoint()
        }
        #expect(throws: KubeConfigError("c", "cluster x has no server")) {
            try KubeConfig.parse("clusters:\n- name: x\n  cluster: {}\n", path: "c")
        }
        #expect(throws: KubeConfigError("c", "clusters must be a list")) { try KubeConfig.parse("clusters: 3\n", path: "c") }
        #expect(throws: KubeConfigError("c", "clusters[x].cluster.certificate-authority-data is not base64")) {
            try KubeConfig.parse("clusters:\n- name: x\n  cluster: {server: https://a, certificate-authority-data: '!!!'}\n", path: "c")
        }
        let noKey = "users:\n- name: u\n  user: {client-certificate: a.crt}\nclusters:\n- name: c\n  cluster: {server: https://a}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\n"
        #expect(throws: KubeConfigError("kubeconfig", "user u has a client certificate but no client key")) {
            try KubeConfig.parse(noKey, path: "k").endpoint(context: "x")
        }
    }

    @Test func filesMergeAsKUBECONFIGListsThemFirstNameWins() throws {
        let first = try KubeConfig.parse(
            "current-context: a\nclusters:\n- name: c\n  cluster: {server: https://first}\ncontexts:\n- name: a\n  context: {cluster: c}\n",
            path: "one")
        let second = try KubeConfig.parse(
            "current-context: b\nclusters:\n- name: c\n  cluster: {server: https://second}\n- name: d\n  cluster: {server: https://d}\n",
            path: "two")
        let merged = KubeConfig.merged([first, second])
        #expect(merged.currentContext == "a")
        #expect(merged.clusters["c"]?.server == "https://first")
        #expect(merged.clusters["d"]?.server == "https://d")
        #expect(try merged.endpoint().credentials == .none)
        #expect(KubeEndpoint.configFiles(flag: nil, environment: ["KUBECONFIG": "/a:/b::", "HOME": "/h"]) == ["/a", "/b"])
        #expect(KubeEndpoint.configFiles(flag: "/x", environment: ["KUBECONFIG": "/a"]) == ["/x"])
        #expect(KubeEndpoint.configFiles(flag: nil, environment: ["HOME": "/h"]) == ["/h/.kube/config"])
    }

    @Test func inClusterUsesTheServiceAccountByFile() {
        let files = ["/sa/namespace": "gluster\n"]
        let endpoint = KubeEndpoint.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
            read: { files[$0] }, directory: "/sa")
        #expect(endpoint == KubeEndpoint(
            server: "https://10.96.0.1:443", namespace: "gluster", certificateAuthority: .file("/sa/ca.crt"),
            credentials: .tokenFile("/sa/token")))
        let v6 = KubeEndpoint.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"], read: { _ in nil }, directory: "/sa")
        #expect(v6?.server == "https://[fd00::1]:6443")
        #expect(v6?.namespace == "default")
        #expect(KubeEndpoint.inCluster(environment: [:], read: { _ in nil }) == nil)
    }
}
