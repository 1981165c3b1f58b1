public import KubernetesAPI

/// A refusal from the fake API server, carrying the `Status` kube-apiserver would send: code, reason, message.
public struct FakeAPIError: Error, Sendable, Equatable {
    public var status: APIStatus

    init(_ code: Int, _ reason: String, _ message: String) {
        self.status = APIStatus(code: code, reason: reason, message: message)
    }

    static func notFound(_ kind: ResourceKind, _ name: String) -> FakeAPIError {
        FakeAPIError(404, "NotFound", "\(kind.qualifiedName) \"\(name)\" not found")
    }

    static func alreadyExists(_ kind: ResourceKind, _ name: String) -> FakeAPIError {
        FakeAPIError(409, "AlreadyExists", "\(kind.qualifiedName) \"\(name)\" already exists")
    }

    static func conflict(_ kind: ResourceKind, _ name: String) -> FakeAPIError {
        FakeAPIError(
            409, "Conflict",
            "Operation cannot be fulfilled on \(kind.qualifiedName) \"\(name)\": the object has been modified; "
                + "please apply your changes to the latest version and try again")
    }

    static func preconditionFailed(_ kind: ResourceKind, _ name: String, _ detail: String) -> FakeAPIError {
        FakeAPIError(
            409, "Conflict", "Operation cannot be fulfilled on \(kind.qualifiedName) \"\(name)\": \(detail)")
    }

    static func invalid(_ kind: ResourceKind, _ name: String, _ detail: String) -> FakeAPIError {
        FakeAPIError(422, "Invalid", "\(kind.qualifiedName) \"\(name)\" is invalid: \(detail)")
    }

    static func badRequest(_ message: String) -> FakeAPIError {
        FakeAPIError(400, "BadRequest", message)
    }

    static func gone(_ version: Int, oldest: Int) -> FakeAPIError {
        FakeAPIError(410, "Expired", "too old resource version: \(version) (\(oldest))")
    }

    static let methodNotAllowed = FakeAPIError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource")
    static let unauthorized = FakeAPIError(401, "Unauthorized", "Unauthorized")
    static let pageNotFound = FakeAPIError(404, "NotFound", "the server could not find the requested resource")

    /// The `Status` object as kube-apiserver writes it, in an error body or an `ERROR` watch event.
    var body: JSONValue {
        .object([
            "kind": .string("Status"),
            "apiVersion": .string("v1"),
            "metadata": .object([:]),
            "status": .string("Failure"),
            "message": .string(self.status.message),
            "reason": .string(self.status.reason),
            "code": .integer(Int64(self.status.code)),
        ])
    }
}

extension ResourceKind {
    /// `plural.group` as kube-apiserver names a resource in messages (`glustervolumes.brickyard.io`, `pods`).
    var qualifiedName: String {
        self.group.isEmpty ? self.plural : "\(self.plural).\(self.group)"
    }

    /// `group/version`, or `v1` for core kinds: an object's `apiVersion`.
    var apiVersion: String {
        self.group.isEmpty ? self.version : "\(self.group)/\(self.version)"
    }
}
