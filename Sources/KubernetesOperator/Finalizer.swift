public import Foundation

/// Brickyard's finalizer on the objects it manages: while it is there, `kubectl delete` only marks the object
/// (`deletionTimestamp`), and Brickyard tears down (deletionPolicy Delete) or releases (Retain) what the object
/// made before taking the finalizer off, so the object never goes while its volume is half deleted. Pure: it
/// rewrites an object's JSON for an update that carries the object's resourceVersion (a stale one is a 409, read
/// again).
public enum Finalizer {
    public static let name = "brickyard.io/teardown"

    /// The object with the finalizer added; nil when it has it already, or is being deleted (the API refuses new
    /// finalizers then), or is not an object.
    public static func adding(to object: Data) -> Data? {
        guard var root = Self.root(object), var metadata = root["metadata"] as? [String: Any],
            metadata["deletionTimestamp"] == nil
        else { return nil }
        var finalizers = metadata["finalizers"] as? [String] ?? []
        guard !finalizers.contains(Self.name) else { return nil }
        finalizers.append(Self.name)
        metadata["finalizers"] = finalizers
        root["metadata"] = metadata
        return Self.data(root)
    }

    /// The object without the finalizer; nil when it has none of Brickyard's.
    public static func removing(from object: Data) -> Data? {
        guard var root = Self.root(object), var metadata = root["metadata"] as? [String: Any],
            let finalizers = metadata["finalizers"] as? [String], finalizers.contains(Self.name)
        else { return nil }
        let rest = finalizers.filter { $0 != Self.name }
        metadata["finalizers"] = rest
        root["metadata"] = metadata
        return Self.data(root)
    }

    private static func root(_ object: Data) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: object) as? [String: Any]
    }

    private static func data(_ object: [String: Any]) -> Data? {
        try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}
