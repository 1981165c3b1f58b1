/// How Brickyard runs gluster and LVM commands on the storage nodes.
public enum ExecutorKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Runs nothing and succeeds: for trying the API and for tests.
    case mock
    /// Runs commands on this machine.
    case local
    /// Runs commands over SSH (Heketi's `sshexec`).
    case ssh
    /// Runs commands in the gluster pods through the Kubernetes exec API (Heketi's `kubeexec`).
    case kubectl

    /// The names accepted in files, the environment and on the command line, in the order error messages list them.
    public static let acceptedNames = ["mock", "local", "ssh", "kubectl", "kubernetes"]

    /// Reads Brickyard's names and Heketi's: `kubernetes` and `kube` both mean `kubectl`. Case is ignored.
    public init?(configurationName: String) {
        switch configurationName.lowercased() {
        case "mock": self = .mock
        case "local": self = .local
        case "ssh": self = .ssh
        case "kubectl", "kubernetes", "kube": self = .kubectl
        default: return nil
        }
    }

    public var description: String {
        self.rawValue
    }
}
