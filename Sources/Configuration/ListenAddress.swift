import StorageModel

/// The address the REST server listens on: a host (name, IPv4 or IPv6 literal) and a TCP port.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host without brackets, such as `127.0.0.1`, `::1` or `localhost`.
    public var host: String
    /// 1 to 65535, or 0 to let the system pick a free port.
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, with an IPv6 host in brackets (`[::1]:8080`); `nil` when malformed.
    public init?(_ text: String) {
        guard let address = try? Self.parse(text) else {
            return nil
        }
        self = address
    }

    /// Whether only this machine can connect: `localhost`, 127.0.0.0/8 or `::1`.
    ///
    /// Deliberately narrow: any other spelling counts as reachable from the network, so the unauthenticated-remote
    /// check errs on the side of asking for the explicit flag.
    public var isLoopback: Bool {
        let host = self.host.lowercased()
        if host == "localhost" || host == "::1" {
            return true
        }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && Hostname.isValid(host) && !host.contains(":")
            && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    /// `host:port`, or `[host]:port` for IPv6, the form `init(_:)` reads back.
    public var description: String {
        self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)"
    }

    /// Parses `HOST:PORT`, throwing the rule the text breaks.
    static func parse(_ text: String) throws(RuleViolation) -> ListenAddress {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw RuleViolation(rule: .hostAndPort)
            }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.first == ":" else {
                throw RuleViolation(rule: .hostAndPort)
            }
            portText = rest.dropFirst()
            // Inside brackets only an IPv6 literal is allowed; a DNS name never contains a colon.
            guard host.contains(":"), Hostname.isValid(String(host)) else {
                throw RuleViolation(rule: .host)
            }
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw RuleViolation(rule: .hostAndPort)
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            // An empty host (":8080") or an IPv6 literal without brackets ("::1:8080") is ambiguous.
            guard !host.isEmpty, !host.contains(":") else {
                throw RuleViolation(rule: .hostAndPort)
            }
            guard Hostname.isValid(String(host)) else {
                throw RuleViolation(rule: .host)
            }
        }
        guard let port = Self.port(portText, allowsZero: true) else {
            throw RuleViolation(rule: .listenPort)
        }
        return ListenAddress(host: String(host), port: port)
    }

    /// A decimal port number in range, or `nil`; no signs, spaces or leading `+`.
    static func port(_ text: some StringProtocol, allowsZero: Bool) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let port = Int(text), port <= 65535, allowsZero || port >= 1
        else {
            return nil
        }
        return port
    }
}

/// A value that broke a rule, before the caller knows where it came from.
struct RuleViolation: Error {
    var rule: ConfigurationRule
}
