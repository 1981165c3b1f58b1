public import HTTPTypes
/// One HTTP request as the handler sees it: fully received, body included.
///
/// Public initializer so routers can be tested without a socket.
public struct HTTPServerRequest: Sendable {
    /// The method, such as `GET`.
    public var method: String
    /// The path without the query, percent-decoded by libmicrohttpd.
    public var path: String
    /// The query exactly as sent, without the `?`; empty when there is none.
    public var rawQuery: String
    /// The request header fields.
    public var headers: HTTPHeaders
    /// The request body.
    public var body: [UInt8]
    /// The client's numeric IP address, when known.
    public var remoteAddress: String?

    public init(
        method: String, path: String, rawQuery: String = "", headers: HTTPHeaders = [:], body: [UInt8] = [],
        remoteAddress: String? = nil
    ) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The query's `name=value` pairs in order, `+` and percent escapes decoded.
    public var queryItems: [(name: String, value: String)] {
        Self.parseQuery(self.rawQuery)
    }

    /// The first value of the query parameter `name`.
    public func queryValue(_ name: String) -> String? {
        self.queryItems.first { $0.name == name }?.value
    }

    /// Splits an `application/x-www-form-urlencoded` query into decoded pairs; a name without `=` gets an empty
    /// value and malformed percent escapes are kept as written.
    public static func parseQuery(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? Self.decodeComponent(parts[1]) : ""
            return (name: Self.decodeComponent(parts[0]), value: value)
        }
    }

    private static func decodeComponent(_ component: Substring) -> String {
        let bytes = Array(component.utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                decoded.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = Self.hexValue(bytes[index + 1]), let low = Self.hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 2
            } else {
                decoded.append(byte)
            }
            index += 1
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
