import Foundation
public import ReconcilePlanning

/// A claim status as the store keeps it: sorted-key JSON, read back by `brickyard status`.
public struct ClaimStatusRecord: Sendable {
    public var json: String

    public init(_ status: ClaimStatus) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.json = String(decoding: try encoder.encode(status), as: UTF8.self)
    }

    public static func decode(_ json: String) -> ClaimStatus? {
        try? JSONDecoder().decode(ClaimStatus.self, from: Data(json.utf8))
    }
}
