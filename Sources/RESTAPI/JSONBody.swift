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
            throw Self.unparsableOrOutOfRange(body)
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

    /// Foundation's decoder reports a number that does not fit its integer field (`1.5`, `1e30`, `2^63`) as
    /// "not valid JSON", without a coding path. Valid JSON is a value problem, 400, naming the fields whose numbers
    /// are not integers in range; only what does not parse is 422.
    private static func unparsableOrOutOfRange(_ body: [UInt8]) -> APIError {
        guard let tree = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) else {
            return APIError(status: 422, message: "request body is not valid JSON")
        }
        let fields = Self.nonIntegerNumbers(in: tree, path: "")
        let named = fields.isEmpty ? "a number" : fields.joined(separator: ", ")
        return APIError(status: 400, message: "\(named): value out of range or not an integer")
    }

    /// The paths (`size`, `durability.replicate.replica`, `clusters[0]`) of numbers no `Int64` field can hold.
    private static func nonIntegerNumbers(in value: Any, path: String) -> [String] {
        switch value {
        case let object as [String: Any]:
            return object.sorted { $0.key < $1.key }.flatMap { key, element in
                Self.nonIntegerNumbers(in: element, path: path.isEmpty ? key : path + "." + key)
            }
        case let array as [Any]:
            return array.enumerated().flatMap { index, element in
                Self.nonIntegerNumbers(in: element, path: path + "[\(index)]")
            }
        case let number as NSNumber:
            let text = number.stringValue
            if Int64(text) != nil { return [] }
            if let double = Double(text), Int64(exactly: double) != nil { return [] }
            return [path]
        default:
            return []
        }
    }

    /// Compact JSON ending in one newline, as Go's `json.Encoder` writes Heketi's answers.
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8)) + [UInt8(ascii: "\n")]
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
