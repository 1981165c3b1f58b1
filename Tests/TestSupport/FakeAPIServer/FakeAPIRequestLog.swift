/// One request that changed something, as a test reads it back.
public struct FakeAPIWrite: Sendable, Equatable {
    public var method: String
    public var path: String
    /// `create`, `update`, `patch` or `delete`.
    public var verb: String
    public var userAgent: String?
    public var status: Int
    /// The server's resource version after the write.
    public var resourceVersion: String
}

/// The write log and the count of every request by verb (`get`, `list`, `watch`, `create`, `update`, `patch`,
/// `delete`), so a test can assert that an unchanged reconcile wrote nothing.
struct FakeAPIRequestLog {
    private(set) var writes: [FakeAPIWrite] = []
    private(set) var counts: [String: Int] = [:]

    mutating func count(_ verb: String) {
        self.counts[verb, default: 0] += 1
    }

    mutating func record(_ write: FakeAPIWrite) {
        self.writes.append(write)
    }

    mutating func reset() {
        self = FakeAPIRequestLog()
    }
}
