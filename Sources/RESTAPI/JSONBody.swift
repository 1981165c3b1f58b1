import Foundation

/// Reads request bodies as JSON and writes responses, with errors a client can act on.
enum JSONBody {
    /// Decodes `type`; unparsable JSON is 422 (Heketi), a value of the wrong type or a missing field is 400 naming
    /// the field.
    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8], allowEmpty: Bool = false, empty: T? = nil)
        throws(APIError) -> T
    {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            if let empty { return empty }
            throw APIError(status: 422, message: "request body is empty; expected a JSON object")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw APIError(status: 422, message: "request body is not valid JSON")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw APIError(
                status: 400, message: "\(Self.field(context.codingPath)): expected \(Self.kind(expected))")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw APIError(
                status: 400, message: "\(Self.field(context.codingPath)): expected \(Self.kind(expected)), found null")
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIError(status: 400, message: "\(Self.field(context.codingPath + [key])) is required")
        } catch let DecodingError.dataCorrupted(context) {
            throw APIError(
                status: 400, message: "\(Self.field(context.codingPath)): value out of range or malformed")
        } catch {
            throw APIError(status: 422, message: "request body is not valid JSON")
        }
    }

    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    private static func field(_ path: [any CodingKey]) -> String {
        path.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
            .reduce("") { text, part in
                part.hasPrefix("[") || text.isEmpty ? text + part : text + "." + part
            }
    }

    private static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        default: type is any Collection.Type ? "an array or object" : "an object"
        }
    }
}
