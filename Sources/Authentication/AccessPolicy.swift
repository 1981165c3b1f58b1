/// Which role may perform which request, decided from the method and path alone so it can be table-tested.
///
/// Admins may do everything. Users may list and create volumes (`GET`/`POST /volumes`), read one volume
/// (`GET /volumes/{id}`) and poll the operation a create started (`GET /queue/{id}`); everything else needs
/// admin. Heketi itself lets users reach only the exact path `/volumes`, so a user's create could never be
/// followed to completion; allowing the queue and the created volume closes that gap without granting any change.
public enum AccessPolicy {
    /// Tells whether `role` may perform `method` on `path`. Methods are matched exactly (HTTP methods are
    /// case-sensitive); a query string is ignored; an `{id}` must be a non-empty run of ASCII letters and digits,
    /// so dot segments, empty segments and trailing slashes never match a user route.
    public static func allows(role: Role, method: String, path: String) -> Bool {
        switch role {
        case .admin:
            return true
        case .user:
            let bare = path.firstIndex(of: "?").map { path[..<$0] } ?? path[...]
            let segments = bare.split(separator: "/", omittingEmptySubsequences: false)
            guard segments.first == "" else {
                return false
            }
            switch (method, Array(segments.dropFirst())) {
            case ("GET", ["volumes"]), ("POST", ["volumes"]):
                return true
            case ("GET", let route) where route.count == 2 && (route[0] == "volumes" || route[0] == "queue"):
                return Self.isIdentifier(route[1])
            default:
                return false
            }
        }
    }

    /// Throws `administratorRequired` when `role` may not perform the request, for the REST layer's middleware.
    public static func authorize(role: Role, method: String, path: String) throws(AuthenticationError) {
        guard Self.allows(role: role, method: method, path: path) else {
            throw .administratorRequired(method: method, path: path)
        }
    }

    private static func isIdentifier(_ text: Substring) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    true
                default:
                    false
                }
            }
    }
}
