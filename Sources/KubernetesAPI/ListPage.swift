public import Foundation

/// One page of a list answer: its objects (each as its own JSON), the version to watch from, and the token for
/// the next page (nil on the last).
public struct ListPage: Sendable, Equatable {
    public var items: [Data]
    public var resourceVersion: String
    public var continueToken: String?

    public init(items: [Data], resourceVersion: String, continueToken: String?) {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
    }

    public static func decode(_ body: [UInt8]) throws(WatchDecodingError) -> ListPage {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let metadata = object["metadata"] as? [String: Any],
            let version = metadata["resourceVersion"] as? String
        else {
            throw WatchDecodingError("not a list: \(String(decoding: body.prefix(200), as: UTF8.self))")
        }
        let items = (object["items"] as? [[String: Any]] ?? []).compactMap {
            try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])
        }
        let token = (metadata["continue"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        return ListPage(items: items, resourceVersion: version, continueToken: token)
    }
}
