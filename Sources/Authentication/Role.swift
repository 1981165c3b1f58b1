/// Who a verified token speaks for. Heketi has exactly two shared secrets, so exactly two roles; the raw value is
/// the `iss` claim that selects the secret.
public enum Role: String, Sendable, Hashable, CaseIterable {
    /// May do anything: topology, devices, every volume operation, the database endpoints.
    case admin
    /// May list, create and read volumes and follow their queued operations; see `AccessPolicy`.
    case user
}
