public import Foundation

/// What a controller reads of any object's `metadata`: who it is, which version, whether it is being deleted and
/// what holds it back. Decoded from the object's JSON; the rest of the object stays as it came.
public struct ObjectMetadata: Hashable, Sendable, Decodable {
    public var name: String
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var deletionTimestamp: String?
    public var finalizers: [String]?
    public var labels: [String: String]?
    public var ownerReferences: [OwnerReference]?

    public struct OwnerReference: Hashable, Sendable, Codable {
        public var apiVersion: String
        public var kind: String
        public var name: String
        public var uid: String
        public var controller: Bool?

        public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil) {
            self.apiVersion = apiVersion
            self.kind = kind
            self.name = name
            self.uid = uid
            self.controller = controller
        }
    }

    public init(name: String, namespace: String? = nil) {
        self.name = name
        self.namespace = namespace
    }

    /// The cache key: `namespace/name`, or the name of a cluster-scoped object.
    public var key: String {
        self.namespace.map { "\($0)/\(self.name)" } ?? self.name
    }

    public var isBeingDeleted: Bool { self.deletionTimestamp != nil }

    public func hasFinalizer(_ name: String) -> Bool { self.finalizers?.contains(name) ?? false }

    private struct Envelope: Decodable {
        var metadata: ObjectMetadata
    }

    /// The metadata of an object's JSON; nil when it has none (not an object of the API).
    public static func of(_ object: Data) -> ObjectMetadata? {
        try? JSONDecoder().decode(Envelope.self, from: object).metadata
    }
}
