import Foundation
import KubernetesAPI

/// The fake API server's objects, its one resource-version counter and a bounded history of changes: pure state,
/// owned by the server's `Mutex`, so every rule of kube-apiserver it copies is a plain function here.
struct FakeObjectStore {
    /// A kind the server serves: its paths, its `kind` name, whether `status` is a subresource.
    struct Kind: Sendable {
        var resource: ResourceKind
        var name: String
        var statusSubresource: Bool
    }

    /// Where an object lives: its namespace ("" for cluster-scoped kinds) and name, ordered as lists are.
    struct Key: Hashable, Comparable, Sendable {
        var namespace: String
        var name: String

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
        }
    }

    /// One change, as watches replay it: `previous` is what the object was, so a label-selected watch can tell
    /// an object that left its selection.
    struct Change: Sendable {
        enum Kind: String, Sendable {
            case added = "ADDED"
            case modified = "MODIFIED"
            case deleted = "DELETED"
        }

        var type: Kind
        var resource: ResourceKind
        var object: JSONValue
        var previous: JSONValue?
        var revision: Int
    }

    private(set) var kinds: [ResourceKind: Kind] = [:]
    private(set) var objects: [ResourceKind: [Key: JSONValue]] = [:]
    /// The last resource version given out.
    private(set) var revision = 0
    private(set) var history: [Change] = []
    /// Watches from versions before this one get 410 Gone: their changes are no longer kept.
    private(set) var compactedThrough = 0
    let historyLimit: Int

    init(historyLimit: Int) {
        self.historyLimit = historyLimit
    }

    mutating func register(_ kind: Kind) {
        self.kinds[kind.resource] = kind
    }

    func kind(_ resource: ResourceKind) throws(FakeAPIError) -> Kind {
        guard let kind = self.kinds[resource] else { throw FakeAPIError.pageNotFound }
        return kind
    }

    func object(_ resource: ResourceKind, _ key: Key) -> JSONValue? {
        self.objects[resource]?[key]
    }

    /// The objects of a kind in list order, in one namespace or all.
    func objects(_ resource: ResourceKind, namespace: String?) -> [(key: Key, value: JSONValue)] {
        (self.objects[resource] ?? [:]).filter { namespace == nil || $0.key.namespace == namespace }
            .sorted { $0.key < $1.key }
            .map { (key: $0.key, value: $0.value) }
    }

    /// Drops the whole history: a watch from any version before now gets 410 Gone.
    mutating func compact() {
        self.history.removeAll()
        self.compactedThrough = self.revision
    }

    /// The changes after `version`, or Gone when some of them are no longer kept.
    func changes(after version: Int) throws(FakeAPIError) -> [Change] {
        guard version >= self.compactedThrough else {
            throw FakeAPIError.gone(version, oldest: self.compactedThrough + 1)
        }
        return self.history.filter { $0.revision > version }
    }

    /// Stores `new` in place of `old` (nil: created) under a fresh resource version, or removes it when it is
    /// being deleted and its last finalizer is gone. A write that changes nothing is not a write: no new version,
    /// no change recorded, as kube-apiserver skips it.
    mutating func write(_ resource: ResourceKind, _ key: Key, old: JSONValue?, new: JSONValue) -> (JSONValue, Change?) {
        var new = new
        if let old, Self.withoutVersion(old) == Self.withoutVersion(new) {
            return (old, nil)
        }
        self.revision += 1
        new["metadata"]?["resourceVersion"] = .string(String(self.revision))
        let finished = new["metadata"]?["deletionTimestamp"] != nil && Self.finalizers(new).isEmpty
        let type: Change.Kind
        if finished {
            self.objects[resource]?[key] = nil
            type = .deleted
        } else {
            self.objects[resource, default: [:]][key] = new
            type = old == nil ? .added : .modified
        }
        let change = Change(type: type, resource: resource, object: new, previous: old, revision: self.revision)
        self.record(change)
        return (new, change)
    }

    /// Removes an object at once under a fresh resource version.
    mutating func remove(_ resource: ResourceKind, _ key: Key) -> (JSONValue, Change)? {
        guard var object = self.objects[resource]?[key] else { return nil }
        self.revision += 1
        object["metadata"]?["resourceVersion"] = .string(String(self.revision))
        self.objects[resource]?[key] = nil
        let change = Change(type: .deleted, resource: resource, object: object, previous: object, revision: self.revision)
        self.record(change)
        return (object, change)
    }

    private mutating func record(_ change: Change) {
        self.history.append(change)
        if self.history.count > self.historyLimit {
            self.compactedThrough = self.history.removeFirst().revision
        }
    }

    static func finalizers(_ object: JSONValue) -> [String] {
        (object["metadata"]?["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    private static func withoutVersion(_ object: JSONValue) -> JSONValue {
        var object = object
        object["metadata"]?["resourceVersion"] = nil
        return object
    }
}
