import Foundation
import Synchronization

/// Runs commands in a node's Gluster pod with `kubectl exec` (Heketi's kubeexec), finding the pod as Heketi does.
///
/// The pod for a node (its manage hostname) is found by label `glusterfs-node=<host>`; in DaemonSet mode by any
/// pod carrying the `glusterfs-node` label key whose `spec.nodeName` is the host; with `usePodNames` the host is
/// the pod's name. Found pods are remembered until an exec into one fails to reach it.
public final class KubectlTransport: NodeTransport {
    public enum PodSelection: String, Sendable, Hashable {
        case label
        case daemonSet
        case podName
    }

    public struct Settings: Sendable, Hashable {
        public var namespace: String
        public var container: String?
        public var kubeconfig: String?
        public var context: String?
        public var selection: PodSelection
        /// The label key that marks Gluster pods.
        public var labelKey: String
        /// The kubectl program (a path in tests).
        public var program: String

        public init(
            namespace: String = "default", container: String? = nil, kubeconfig: String? = nil,
            context: String? = nil, selection: PodSelection = .label, labelKey: String = "glusterfs-node",
            program: String = "kubectl"
        ) {
            self.namespace = namespace
            self.container = container
            self.kubeconfig = kubeconfig
            self.context = context
            self.selection = selection
            self.labelKey = labelKey
            self.program = program
        }
    }

    public let settings: Settings
    private let environment: [String: String]?
    private let pods = Mutex<[String: String]>([:])
    /// How long a pod lookup may take.
    static let lookupTimeout: Duration = .seconds(30)

    public init(settings: Settings, environment: [String: String]? = nil) {
        self.settings = settings
        self.environment = environment
    }

    /// `kubectl [--kubeconfig F] [--context C]` followed by `arguments`.
    func kubectl(_ arguments: [String]) -> [String] {
        var command = [self.settings.program]
        if let kubeconfig = self.settings.kubeconfig { command += ["--kubeconfig", kubeconfig] }
        if let context = self.settings.context { command += ["--context", context] }
        return command + arguments
    }

    /// The local argv that runs `argv` in `pod`.
    public func execArguments(_ argv: [String], pod: String) -> [String] {
        var arguments = ["exec", "-n", self.settings.namespace, pod]
        if let container = self.settings.container { arguments += ["-c", container] }
        return self.kubectl(arguments + ["--"] + argv)
    }

    /// The argv that lists candidate pods for `host`, as JSON.
    public func lookupArguments(for host: String) -> [String] {
        let selector =
            self.settings.selection == .label ? "\(self.settings.labelKey)=\(host)" : self.settings.labelKey
        return self.kubectl(["get", "pods", "-n", self.settings.namespace, "-l", selector, "-o", "json"])
    }

    public func run(_ argv: [String], on host: String, timeout: Duration) async throws(TransportError) -> CommandResult
    {
        let pod = try await self.pod(for: host)
        var result = try await ProcessRunner.run(
            self.execArguments(RemoteDeadline.wrap(argv, timeout: timeout), pod: pod), environment: self.environment,
            timeout: timeout)
        // A command that ran and failed: kubectl passes its exit code on and adds a line of its own, which would
        // hide the command's real message.
        if result.exitCode != 0, let range = result.stderr.range(of: "command terminated with exit code ", options: .backwards) {
            result.stderr = String(result.stderr[..<range.lowerBound])
            return result
        }
        // kubectl's own failures (pod gone, API unreachable): exit 1 with "Error from server" or "error: ...".
        let message = result.lastMessageLine
        if result.exitCode != 0, message.hasPrefix("Error from server") || message.hasPrefix("error: ") {
            _ = self.pods.withLock { $0.removeValue(forKey: host) }
            throw .unreachable(host: host, reason: message)
        }
        return result
    }

    /// The pod serving `host`, looked up once and remembered.
    func pod(for host: String) async throws(TransportError) -> String {
        if self.settings.selection == .podName { return host }
        if let known = self.pods.withLock({ $0[host] }) { return known }
        let result = try await ProcessRunner.run(
            self.lookupArguments(for: host), environment: self.environment, timeout: Self.lookupTimeout)
        guard result.exitCode == 0 else {
            throw .unreachable(host: host, reason: "kubectl get pods failed: \(result.lastMessageLine)")
        }
        guard let pod = Self.choosePod(fromJSON: result.stdout, host: host, selection: self.settings.selection) else {
            throw .unreachable(
                host: host,
                reason: "no running pod in namespace \(self.settings.namespace) matches \(self.lookupArguments(for: host).suffix(4).joined(separator: " "))")
        }
        self.pods.withLock { $0[host] = pod }
        return pod
    }

    /// The running pod in a `kubectl get pods -o json` list that serves `host`: with label selection the first
    /// running one, in DaemonSet mode the running one scheduled on `host`.
    public static func choosePod(fromJSON json: String, host: String, selection: PodSelection) -> String? {
        struct PodList: Decodable {
            struct Pod: Decodable {
                struct Metadata: Decodable { var name: String }
                struct Spec: Decodable { var nodeName: String? }
                struct Status: Decodable { var phase: String? }
                var metadata: Metadata
                var spec: Spec?
                var status: Status?
            }
            var items: [Pod]
        }
        guard let list = try? JSONDecoder().decode(PodList.self, from: Data(json.utf8)) else { return nil }
        let running = list.items.filter { $0.status?.phase == "Running" }
        switch selection {
        case .label: return running.first?.metadata.name
        case .daemonSet: return running.first { $0.spec?.nodeName == host }?.metadata.name
        case .podName: return host
        }
    }
}
