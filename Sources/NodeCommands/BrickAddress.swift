/// A brick as Gluster names it: `host:/path`.
public struct BrickAddress: Hashable, Sendable {
    public var host: String
    public var path: String

    public init(host: String, path: String) {
        self.host = host
        self.path = path
    }

    /// Splits `host:/path` at the first `:/` (a host, even an IPv6 literal, holds no `/`).
    public init?(parsing text: String) {
        guard let colon = zip(text.indices, text.dropFirst()).first(where: { text[$0.0] == ":" && $0.1 == "/" })?.0,
            colon > text.startIndex
        else { return nil }
        self.host = String(text[..<colon])
        self.path = String(text[text.index(after: colon)...])
    }

    /// `host:/path`, the form gluster's command line takes.
    public var argument: String { "\(self.host):\(self.path)" }
}

extension BrickAddress: CustomStringConvertible {
    public var description: String { self.argument }
}
