public import Crypto

/// Heketi's `qsh` claim: the lowercase hex SHA-256 of `METHOD&path`, which binds a token to one request so a
/// captured token cannot be replayed against another endpoint. The query string is not part of it.
public enum QueryStringHash {
    /// Returns the `qsh` value for a request. `path` is the URL path as Go's `URL.Path` sees it (already
    /// percent-decoded); anything from the first `?` on is dropped, since Heketi's clients hash the path alone.
    public static func of(method: String, path: String) throws(CryptoError) -> String {
        let bare = path.firstIndex(of: "?").map { path[..<$0] } ?? path[...]
        return Hex.encode(try SHA256.hash(Array("\(method)&\(bare)".utf8)))
    }
}
