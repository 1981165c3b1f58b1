import Foundation
import KubernetesAPI

/// The API's verbs over the store, with kube-apiserver's rules: the server owns `uid`, `creationTimestamp`,
/// `generation`, `resourceVersion` and `deletionTimestamp`; `status` changes only through its subresource;
/// finalizers hold a deleted object until they are emptied.
extension FakeObjectStore {
    /// The outcome of a write: the object as stored (or as last seen, when removed) and the change, if any.
    typealias Written = (object: JSONValue, change: Change?)

    /// Creates an object in `namespace` (nil for cluster-scoped kinds). A client's `status` is dropped when the
    /// kind has a status subresource, unless `keepStatus` (a test seeding an object).
    mutating func create(
        _ resource: ResourceKind, namespace: String?, body: JSONValue, keepStatus: Bool = false
    ) throws(FakeAPIError) -> Written {
        let kind = try self.kind(resource)
        guard case .object = body, case .object = body["metadata"] ?? .object([:]) else {
            throw FakeAPIError.badRequest("the body of the request is not a \(kind.name) object")
        }
        var object = body
        if object["metadata"] == nil { object["metadata"] = .object([:]) }
        if object["metadata"]?["name"]?.stringValue == nil, let prefix = object["metadata"]?["generateName"]?.stringValue {
            object["metadata"]?["name"] = .string(prefix + Self.randomSuffix())
        }
        guard let name = object["metadata"]?["name"]?.stringValue, !name.isEmpty else {
            throw FakeAPIError.invalid(resource, "", "metadata.name: Required value: name or generateName is required")
        }
        let key = try self.key(kind, namespace: namespace ?? object["metadata"]?["namespace"]?.stringValue, name: name, body: object)
        guard self.object(resource, key) == nil else { throw FakeAPIError.alreadyExists(resource, name) }
        if kind.statusSubresource && !keepStatus { object["status"] = nil }
        object["apiVersion"] = .string(resource.apiVersion)
        object["kind"] = .string(kind.name)
        if resource.namespaced { object["metadata"]?["namespace"] = .string(key.namespace) }
        object["metadata"]?["uid"] = .string(UUID().uuidString.lowercased())
        object["metadata"]?["creationTimestamp"] = .string(Self.now())
        object["metadata"]?["generation"] = .integer(1)
        object["metadata"]?["deletionTimestamp"] = nil
        return self.write(resource, key, old: nil, new: object)
    }

    /// Replaces an object (`PUT`), or with `subresource` "status" only its status. A `metadata.resourceVersion`
    /// other than the stored one is a Conflict; none at all is an unconditional update.
    mutating func update(
        _ resource: ResourceKind, namespace: String?, name: String, body: JSONValue, subresource: String? = nil,
        checkVersion: Bool = true
    ) throws(FakeAPIError) -> Written {
        let kind = try self.kind(resource)
        let key = try self.key(kind, namespace: namespace, name: name, body: body)
        guard let old = self.object(resource, key) else { throw FakeAPIError.notFound(resource, name) }
        if let bodyName = body["metadata"]?["name"]?.stringValue, bodyName != name {
            throw FakeAPIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        if checkVersion, let version = body["metadata"]?["resourceVersion"]?.stringValue, !version.isEmpty,
            version != old["metadata"]?["resourceVersion"]?.stringValue
        {
            throw FakeAPIError.conflict(resource, name)
        }
        return self.write(resource, key, old: old, new: try Self.merged(kind, old: old, body: body, subresource: subresource))
    }

    /// A JSON merge patch (RFC 7386) of an object or its status; a `metadata.resourceVersion` in the patch is a
    /// precondition, as with an update.
    mutating func patch(
        _ resource: ResourceKind, namespace: String?, name: String, patch: JSONValue, subresource: String? = nil
    ) throws(FakeAPIError) -> Written {
        let kind = try self.kind(resource)
        let key = try self.key(kind, namespace: namespace, name: name, body: .object([:]))
        guard let old = self.object(resource, key) else { throw FakeAPIError.notFound(resource, name) }
        var patched = old.merging(patch: patch)
        if patch["metadata"]?["resourceVersion"] == nil {
            patched["metadata"]?["resourceVersion"] = old["metadata"]?["resourceVersion"]
        }
        return try self.update(resource, namespace: namespace, name: name, body: patched, subresource: subresource)
    }

    /// Deletes an object unless a precondition fails: at once without finalizers, otherwise by setting
    /// `deletionTimestamp` (once) and leaving removal to the update that empties them.
    mutating func delete(
        _ resource: ResourceKind, namespace: String?, name: String, uid: String? = nil, resourceVersion: String? = nil
    ) throws(FakeAPIError) -> Written {
        let kind = try self.kind(resource)
        let key = try self.key(kind, namespace: namespace, name: name, body: .object([:]))
        guard let old = self.object(resource, key) else { throw FakeAPIError.notFound(resource, name) }
        let storedUID = old["metadata"]?["uid"]?.stringValue ?? ""
        if let uid, uid != storedUID {
            throw FakeAPIError.preconditionFailed(
                resource, name, "Precondition failed: UID in precondition: \(uid), UID in object meta: \(storedUID)")
        }
        let storedVersion = old["metadata"]?["resourceVersion"]?.stringValue ?? ""
        if let resourceVersion, resourceVersion != storedVersion {
            throw FakeAPIError.preconditionFailed(
                resource, name,
                "Precondition failed: ResourceVersion in precondition: \(resourceVersion), "
                    + "ResourceVersion in object meta: \(storedVersion)")
        }
        guard Self.finalizers(old).isEmpty else {
            guard old["metadata"]?["deletionTimestamp"] == nil else { return (old, nil) }
            var marked = old
            marked["metadata"]?["deletionTimestamp"] = .string(Self.now())
            return self.write(resource, key, old: old, new: marked)
        }
        guard let (object, change) = self.remove(resource, key) else { throw FakeAPIError.notFound(resource, name) }
        return (object, change)
    }

    /// One page of a list in list order: objects after the `continue` token's key, at most `limit`, and the token
    /// for the next page when more remain.
    func list(
        _ resource: ResourceKind, namespace: String?, selector: LabelSelector?, limit: Int?, continue token: String?
    ) throws(FakeAPIError) -> (items: [JSONValue], continueToken: String?) {
        _ = try self.kind(resource)
        var after: Key?
        if let token, !token.isEmpty {
            guard let decoded = Data(base64Encoded: token).map({ String(decoding: $0, as: UTF8.self) }),
                let slash = decoded.firstIndex(of: "/")
            else {
                throw FakeAPIError.badRequest("continue key is not valid: \(token)")
            }
            after = Key(namespace: String(decoded[..<slash]), name: String(decoded[decoded.index(after: slash)...]))
        }
        let matching = self.objects(resource, namespace: namespace)
            .filter { entry in after.map { entry.key > $0 } ?? true }
            .filter { selector?.matches($0.value) ?? true }
        guard let limit, limit > 0, matching.count > limit else {
            return (matching.map(\.value), nil)
        }
        let page = matching.prefix(limit)
        let last = page.last!.key
        return (page.map(\.value), Data("\(last.namespace)/\(last.name)".utf8).base64EncodedString())
    }

    /// The object that a write of `body` over `old` stores: for `status`, the old object with the new status; for
    /// the object itself, the body with the server's metadata and (with a status subresource) the old status.
    /// `generation` goes up when anything outside `metadata` and `status` changed.
    static func merged(_ kind: Kind, old: JSONValue, body: JSONValue, subresource: String?) throws(FakeAPIError) -> JSONValue {
        switch subresource {
        case "status":
            var new = old
            new["status"] = body["status"]
            return new
        case nil:
            guard case .object = body else {
                throw FakeAPIError.badRequest("the body of the request is not a \(kind.name) object")
            }
            var new = body
            if new["metadata"] == nil { new["metadata"] = .object([:]) }
            if kind.statusSubresource { new["status"] = old["status"] }
            new["apiVersion"] = old["apiVersion"]
            new["kind"] = old["kind"]
            for field in ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "resourceVersion"] {
                new["metadata"]?[field] = old["metadata"]?[field]
            }
            let generation = old["metadata"]?["generation"]?.integerValue ?? 1
            let changed = Self.content(old) != Self.content(new)
            new["metadata"]?["generation"] = .integer(changed ? generation + 1 : generation)
            return new
        default:
            throw FakeAPIError.pageNotFound
        }
    }

    /// What `generation` counts changes of: everything but `metadata` and `status`.
    private static func content(_ object: JSONValue) -> JSONValue {
        var object = object
        object["metadata"] = nil
        object["status"] = nil
        return object
    }

    private func key(_ kind: Kind, namespace: String?, name: String, body: JSONValue) throws(FakeAPIError) -> Key {
        guard kind.resource.namespaced else { return Key(namespace: "", name: name) }
        guard let namespace, !namespace.isEmpty else {
            throw FakeAPIError.methodNotAllowed
        }
        if let bodyNamespace = body["metadata"]?["namespace"]?.stringValue, !bodyNamespace.isEmpty, bodyNamespace != namespace {
            throw FakeAPIError.badRequest(
                "the namespace of the provided object does not match the namespace sent on the request")
        }
        return Key(namespace: namespace, name: name)
    }

    static func now() -> String {
        Date.now.formatted(.iso8601)
    }

    private static func randomSuffix() -> String {
        String((0..<5).map { _ in "bcdfghjklmnpqrstvwxz2456789".randomElement()! })
    }
}
