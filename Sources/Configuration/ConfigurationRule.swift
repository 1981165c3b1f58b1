/// A rule a configuration value broke, with its limits, so callers can tell failures apart without parsing text.
public enum ConfigurationRule: Sendable, Hashable, CustomStringConvertible {
    /// A count or size that must be at least 1.
    case positive
    /// `max_volumes_per_cluster`: a positive limit, or a negative number for none (Heketi's convention).
    case positiveOrNegativeForUnlimited
    /// A size that does not fit in 64-bit bytes once converted from its unit.
    case atMost(Int64)
    /// A value that must not exceed another setting, such as `brick_min_size_gb` and `brick_max_size_gb`.
    case notAbove(key: String, limit: Int, isDefault: Bool)
    /// One of a fixed set of words.
    case oneOf([String])
    /// A listen address: `HOST:PORT`, with an IPv6 address in brackets.
    case hostAndPort
    /// The host part of a listen address: a DNS name or an IP address.
    case host
    /// The port of a listen address: 1 to 65535, or 0 for any free port.
    case listenPort
    /// A TCP port; `allowsZero` when 0 may ask the system for any free port.
    case port(allowsZero: Bool)
    /// A list of `"<key> <value>"` volume options separated by commas.
    case volumeOptions
    /// A text that must not be empty.
    case nonEmpty
    /// A setting that needs another one: `enable_tls` needs `cert_file` and `key_file`.
    case requires(String)
    /// A file or directory path on a node, which must be absolute.
    case absolutePath

    public var description: String {
        switch self {
        case .positive:
            "must be greater than 0"
        case .positiveOrNegativeForUnlimited:
            "must be a positive limit, or -1 for no limit"
        case .atMost(let maximum):
            "must be at most \(maximum)"
        case .notAbove(let key, let limit, let isDefault):
            "must not exceed \(key) (\(limit)\(isDefault ? ", its default" : ""))"
        case .oneOf(let choices):
            "must be one of \(choices.joined(separator: ", "))"
        case .hostAndPort:
            "must be HOST:PORT, with an IPv6 address in brackets (such as 127.0.0.1:8080 or [::1]:8080)"
        case .host:
            "must have a hostname or an IP address as its host"
        case .listenPort:
            "must end in a port from 1 to 65535, or 0 for any free port"
        case .port(let allowsZero):
            "must be a port number from 1 to 65535" + (allowsZero ? ", or 0 for any free port" : "")
        case .volumeOptions:
            "must be \"<key> <value>\" volume options separated by commas"
        case .nonEmpty:
            "must not be empty"
        case .requires(let key):
            "needs \(key) as well"
        case .absolutePath:
            "must be an absolute path (starting with /)"
        }
    }
}
