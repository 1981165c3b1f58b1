/// Who the client says it is: Heketi's `iss` claim (`admin` or `user`) and that role's shared secret.
///
/// Kept apart from the signer so the command line can resolve flags and environment first and sign later.
public struct ClientCredentials: Sendable, Hashable {
    /// The issuer, normally `admin` or `user`.
    public var user: String
    /// The shared secret the server holds for `user`.
    public var secret: String

    public init(user: String, secret: String) {
        self.user = user
        self.secret = secret
    }
}
