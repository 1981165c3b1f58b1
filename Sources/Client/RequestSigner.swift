import Authentication
import Crypto

/// Signs every request with a fresh short-lived token bound to its method and path (Heketi's `qsh` claim), so a
/// captured token is useless for any other request and expires within minutes.
public struct RequestSigner: Sendable {
    let signer: JWTSigner
    /// How long each token is valid, in seconds; Heketi's server allows two minutes of clock skew on `iat`.
    public let lifetime: Int64

    public init(credentials: ClientCredentials, lifetime: Int64 = 300) {
        self.signer = JWTSigner(issuer: credentials.user, key: credentials.secret)
        self.lifetime = lifetime
    }

    /// The `Authorization` value for one request at `now` (Unix seconds). `path` may carry a query string; it is
    /// left out of the hash as the server leaves it out.
    public func authorization(method: String, path: String, now: Int64) throws(ClientError) -> String {
        do throws(CryptoError) {
            return try self.signer.authorization(method: method, path: path, now: now, lifetime: self.lifetime)
        } catch {
            throw .signing("\(error)")
        }
    }
}
