/// The values `brickyard serve` took from its command line, before validation; `nil` when a flag was not given.
///
/// Strings stay raw so that a bad value is reported against the flag that carried it.
public struct CommandLineOverrides: Sendable, Hashable {
    /// `--listen HOST:PORT`.
    public var listen: String?
    /// `--db PATH`.
    public var databasePath: String?
    /// `--executor mock|local|ssh|kubectl`.
    public var executor: String?
    /// `--admin-key K`.
    public var adminKey: String?
    /// `--user-key K`.
    public var userKey: String?
    /// `--disable-auth`: serve without JWT authentication.
    public var disableAuth: Bool
    /// `--allow-unauthenticated-remote`: accept serving without authentication on a non-loopback address.
    public var allowUnauthenticatedRemote: Bool

    public init(
        listen: String? = nil, databasePath: String? = nil, executor: String? = nil, adminKey: String? = nil,
        userKey: String? = nil, disableAuth: Bool = false, allowUnauthenticatedRemote: Bool = false
    ) {
        self.listen = listen
        self.databasePath = databasePath
        self.executor = executor
        self.adminKey = adminKey
        self.userKey = userKey
        self.disableAuth = disableAuth
        self.allowUnauthenticatedRemote = allowUnauthenticatedRemote
    }

    /// The flags' spellings, shared with the command-line parser so errors and help say the same thing.
    public enum Flag: String, Sendable, CaseIterable {
        case config = "--config"
        case listen = "--listen"
        case databasePath = "--db"
        case executor = "--executor"
        case adminKey = "--admin-key"
        case userKey = "--user-key"
        case disableAuth = "--disable-auth"
        case allowUnauthenticatedRemote = "--allow-unauthenticated-remote"
    }
}
