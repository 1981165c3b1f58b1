import Foundation
import YAML

/// A kubeconfig file as `kubectl` reads it: clusters, users and contexts by name, and the current context. Only
/// what Brickyard uses to reach an API server is kept; everything else in the file is ignored, as kubectl does.
/// Paths in the file (a CA, a client certificate, a token file) are relative to the file's own directory.
public struct KubeConfig: Hashable, Sendable {
    public struct Cluster: Hashable, Sendable {
        public var server: String
        public var certificateAuthority: CertificateSource?
        public var insecureSkipTLSVerify: Bool
        public var tlsServerName: String?
    }

    public struct User: Hashable, Sendable {
        public var token: String?
        public var tokenFile: String?
        public var clientCertificate: CertificateSource?
        public var clientKey: CertificateSource?
    }

    public struct Context: Hashable, Sendable {
        public var cluster: String
        public var user: String
        public var namespace: String?
    }

    public var clusters: [String: Cluster] = [:]
    public var users: [String: User] = [:]
    public var contexts: [String: Context] = [:]
    public var currentContext: String?

    public init() {}

    /// Reads one file's text; `path` names it in errors and anchors its relative paths.
    public static func parse(_ text: String, path: String) throws(KubeConfigError) -> KubeConfig {
        let root: YAMLNode
        do throws(YAMLError) {
            root = try YAMLParser.parseDocument(text)
        } catch {
            throw KubeConfigError(path, "is not YAML: \(error)")
        }
        let reader = KubeConfigReader(path: path)
        var config = KubeConfig()
        config.currentContext = try reader.string(root["current-context"], "current-context").flatMap { $0.isEmpty ? nil : $0 }
        for (name, entry) in try reader.named(root["clusters"], "clusters", entry: "cluster") {
            guard let server = try reader.string(entry["server"], "clusters[\(name)].cluster.server"), !server.isEmpty else {
                throw KubeConfigError(path, "cluster \(name) has no server")
            }
            config.clusters[name] = Cluster(
                server: server,
                certificateAuthority: try reader.source(
                    data: entry["certificate-authority-data"], file: entry["certificate-authority"],
                    "clusters[\(name)].cluster.certificate-authority"),
                insecureSkipTLSVerify: try reader.bool(entry["insecure-skip-tls-verify"], "clusters[\(name)].cluster.insecure-skip-tls-verify") ?? false,
                tlsServerName: try reader.string(entry["tls-server-name"], "clusters[\(name)].cluster.tls-server-name"))
        }
        for (name, entry) in try reader.named(root["users"], "users", entry: "user") {
            let field = "users[\(name)].user"
            config.users[name] = User(
                token: try reader.string(entry["token"], "\(field).token"),
                tokenFile: try reader.string(entry["tokenFile"], "\(field).tokenFile").map(reader.resolved),
                clientCertificate: try reader.source(
                    data: entry["client-certificate-data"], file: entry["client-certificate"], "\(field).client-certificate"),
                clientKey: try reader.source(data: entry["client-key-data"], file: entry["client-key"], "\(field).client-key"))
        }
        for (name, entry) in try reader.named(root["contexts"], "contexts", entry: "context") {
            let field = "contexts[\(name)].context"
            guard let cluster = try reader.string(entry["cluster"], "\(field).cluster") else {
                throw KubeConfigError(path, "context \(name) names no cluster")
            }
            config.contexts[name] = Context(
                cluster: cluster, user: try reader.string(entry["user"], "\(field).user") ?? "",
                namespace: try reader.string(entry["namespace"], "\(field).namespace"))
        }
        return config
    }

    /// Several files as `$KUBECONFIG` lists them: the first file to define a name wins, and so does the first
    /// current context.
    public static func merged(_ configs: [KubeConfig]) -> KubeConfig {
        var merged = KubeConfig()
        for config in configs {
            merged.clusters.merge(config.clusters) { first, _ in first }
            merged.users.merge(config.users) { first, _ in first }
            merged.contexts.merge(config.contexts) { first, _ in first }
            merged.currentContext = merged.currentContext ?? config.currentContext
        }
        return merged
    }

    /// Where and how to reach the API server of `context` (the current context when nil).
    public func endpoint(context name: String? = nil) throws(KubeConfigError) -> KubeEndpoint {
        guard let contextName = name ?? self.currentContext else {
            throw KubeConfigError("kubeconfig", "has no current-context; give --context")
        }
        guard let context = self.contexts[contextName] else {
            throw KubeConfigError("kubeconfig", "has no context \(contextName)")
        }
        guard let cluster = self.clusters[context.cluster] else {
            throw KubeConfigError("kubeconfig", "context \(contextName) names cluster \(context.cluster), which is not defined")
        }
        let user = self.users[context.user]
        if !context.user.isEmpty, user == nil {
            throw KubeConfigError("kubeconfig", "context \(contextName) names user \(context.user), which is not defined")
        }
        let credentials: KubeEndpoint.Credentials
        if let token = user?.token, !token.isEmpty {
            credentials = .bearerToken(token)
        } else if let file = user?.tokenFile {
            credentials = .tokenFile(file)
        } else if let certificate = user?.clientCertificate {
            guard let key = user?.clientKey else {
                throw KubeConfigError("kubeconfig", "user \(context.user) has a client certificate but no client key")
            }
            credentials = .clientCertificate(certificate: certificate, key: key)
        } else {
            credentials = .none
        }
        return KubeEndpoint(
            server: cluster.server, namespace: context.namespace ?? "default",
            certificateAuthority: cluster.certificateAuthority, insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
            tlsServerName: cluster.tlsServerName, credentials: credentials)
    }
}

/// A kubeconfig that cannot be used, said in one line: the file and what is wrong.
public struct KubeConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public init(_ path: String, _ problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(self.path): \(self.problem)" }
}

/// Typed reads of a kubeconfig's nodes, each failing with the field's path.
struct KubeConfigReader {
    let path: String

    func string(_ node: YAMLNode?, _ field: String) throws(KubeConfigError) -> String? {
        guard let node, !node.isNull else { return nil }
        guard let scalar = node.scalar else { throw KubeConfigError(self.path, "\(field) must be a string") }
        return scalar.value
    }

    func bool(_ node: YAMLNode?, _ field: String) throws(KubeConfigError) -> Bool? {
        guard let node, !node.isNull else { return nil }
        guard let value = node.bool else { throw KubeConfigError(self.path, "\(field) must be true or false") }
        return value
    }

    /// `clusters: [{name: N, cluster: {...}}]` as (name, entry) pairs in file order.
    func named(_ node: YAMLNode?, _ field: String, entry key: String) throws(KubeConfigError) -> [(String, YAMLNode)] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.items else { throw KubeConfigError(self.path, "\(field) must be a list") }
        var entries: [(String, YAMLNode)] = []
        for (index, item) in items.enumerated() {
            guard let name = try self.string(item["name"], "\(field)[\(index)].name"), !name.isEmpty else {
                throw KubeConfigError(self.path, "\(field)[\(index)] has no name")
            }
            guard let entry = item[key], entry.pairs != nil else {
                throw KubeConfigError(self.path, "\(field)[\(name)] has no \(key) mapping")
            }
            entries.append((name, entry))
        }
        return entries
    }

    /// Inline base64 data wins over a file, as in kubectl.
    func source(data: YAMLNode?, file: YAMLNode?, _ field: String) throws(KubeConfigError) -> CertificateSource? {
        if let text = try self.string(data, field + "-data"), !text.isEmpty {
            guard let decoded = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                throw KubeConfigError(self.path, "\(field)-data is not base64")
            }
            return .data([UInt8](decoded))
        }
        if let file = try self.string(file, field), !file.isEmpty { return .file(self.resolved(file)) }
        return nil
    }

    /// A path from the file, relative to the file's directory unless absolute.
    func resolved(_ file: String) -> String {
        guard !file.hasPrefix("/"), let slash = self.path.lastIndex(of: "/") else { return file }
        return self.path[...slash] + file
    }
}
