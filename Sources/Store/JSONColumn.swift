import Foundation
import StoreRecords

/// Encodes nested model values (tags, options, durability, brick sets) as the JSON text stored in TEXT columns.
///
/// Keys are sorted so the same value always produces the same text: dumps and backups compare byte for byte.
enum JSONColumn {
    static func encode(_ value: some Encodable) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .invalidValue("cannot encode \(type(of: value)) as JSON: \(error)")
        }
    }

    /// Decodes `text`; the caller turns a failure into `corruptRow` naming the row.
    static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
