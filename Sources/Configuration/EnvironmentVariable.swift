/// The environment variables `brickyard serve` reads. They override the configuration file; command-line flags
/// override them. Empty values count as unset, as in Heketi.
///
/// Where a Brickyard and a Heketi variable set the same thing, the Brickyard one wins.
public enum EnvironmentVariable: String, Sendable, CaseIterable {
    /// `HOST:PORT` to listen on, like `--listen`.
    case brickyardListen = "BRICKYARD_LISTEN"
    /// The database path, like `--db`.
    case brickyardDatabasePath = "BRICKYARD_DB"
    /// The executor, like `--executor`.
    case brickyardExecutor = "BRICKYARD_EXECUTOR"
    /// The JWT admin key, like `--admin-key`.
    case brickyardAdminKey = "BRICKYARD_ADMIN_KEY"
    /// The JWT user key, like `--user-key`.
    case brickyardUserKey = "BRICKYARD_USER_KEY"
    /// Heketi's admin key variable.
    case heketiAdminKey = "HEKETI_ADMIN_KEY"
    /// Heketi's user key variable.
    case heketiUserKey = "HEKETI_USER_KEY"
    /// Heketi's executor variable (`mock`, `ssh`, `kubernetes`).
    case heketiExecutor = "HEKETI_EXECUTOR"
    /// Heketi's database path variable.
    case heketiDatabasePath = "HEKETI_DB_PATH"

    /// Whether a `HEKETI_*` variable is one of Heketi's server settings that Brickyard does not read (such as
    /// `HEKETI_ZONE_CHECKING` or `HEKETI_SSH_USER`); a warning names each one set, so a deployment that relied on it
    /// notices. The client's `HEKETI_CLI_*` variables are not server settings and are left alone.
    static func isUnreadHeketiVariable(_ name: String) -> Bool {
        name.hasPrefix("HEKETI_") && !name.hasPrefix("HEKETI_CLI_") && Self(rawValue: name) == nil
    }
}
