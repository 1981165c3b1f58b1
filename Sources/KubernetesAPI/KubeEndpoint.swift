import Foundation

/// Where an API server is and how to prove who we are to it: what the HTTP client needs, resolved from a
/// kubeconfig context or from the pod's service account.
public struct KubeEndpoint: Hashable, Sendable {
    public enum Credentials: Hashable, Sendable {
        case none
        case bearerToken(String)
        /// A token read from this file for each request batch, so a rotated service-account token is picked up.
        case tokenFile(String)
        case clientCertificate(certificate: CertificateSource, key: CertificateSource)
    }

    public var server: String
    /// The namespace requests go to when they name none.
    public var namespace: String
    public var certificateAuthority: CertificateSource?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    public var credentials: Credentials

    public init(
        server: String, namespace: String, certificateAuthority: CertificateSource? = nil,
        insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil, credentials: Credentials = .none
    ) {
        self.server = server
        self.namespace = namespace
        self.certificateAuthority = certificateAuthority
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.credentials = credentials
    }

    /// The service account's directory in every pod.
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The in-cluster endpoint: `KUBERNETES_SERVICE_HOST`/`PORT`, the service account's CA and token (by file, so a
    /// rotation is seen), and the pod's namespace (`read` gives a file's text, nil when it cannot be read). Nil when
    /// not in a pod.
    public static func inCluster(
        environment: [String: String], read: (String) -> String?, directory: String = Self.serviceAccountDirectory
    ) -> KubeEndpoint? {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else { return nil }
        let address = host.contains(":") ? "[\(host)]" : host
        let namespace = read(directory + "/namespace")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return KubeEndpoint(
            server: "https://\(address):\(port)", namespace: namespace.isEmpty ? "default" : namespace,
            certificateAuthority: .file(directory + "/ca.crt"), credentials: .tokenFile(directory + "/token"))
    }

    /// The kubeconfig files to read, as kubectl chooses them: `--kubeconfig`, else each of `$KUBECONFIG`
    /// (colon-separated), else `~/.kube/config`.
    public static func configFiles(flag: String?, environment: [String: String]) -> [String] {
        if let flag, !flag.isEmpty { return [flag] }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        return [(environment["HOME"] ?? "") + "/.kube/config"]
    }
}

/// A PEM certificate or key: in a file, or inline.
public enum CertificateSource: Hashable, Sendable {
    case file(String)
    case data([UInt8])
}
