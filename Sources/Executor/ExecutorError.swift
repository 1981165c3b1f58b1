/// An action failed on a node: what ran, where, and what the node said, in one line for the operation's result.
public struct ExecutorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The action's name, such as `create_brick`.
    public var action: String
    /// The node's manage hostname, when the failure is on one node.
    public var host: String?
    public var message: String

    public init(action: String, host: String? = nil, message: String) {
        self.action = action
        self.host = host
        self.message = message
    }

    public var description: String {
        if let host { return "\(self.action) on \(host) failed: \(self.message)" }
        return "\(self.action) failed: \(self.message)"
    }
}
