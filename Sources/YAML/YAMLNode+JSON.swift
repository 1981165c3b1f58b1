public import Foundation

/// Conversion to and from JSON, so YAML documents can be decoded with `JSONDecoder` and JSON bodies emitted as YAML.
extension YAMLNode {
    /// Returns this node as JSON, resolving plain scalars by the YAML 1.2 core schema: null, booleans, integers and
    /// floats become JSON literals and numbers, everything else a string.
    ///
    /// Throws for what JSON cannot hold: a non-scalar mapping key, two keys with the same text, an infinite or NaN
    /// float, or an integer beyond 64 bits. The error carries the offending node's mark.
    public func jsonData() throws(YAMLError) -> Data {
        var bytes: [UInt8] = []
        try Self.appendJSON(of: self, to: &bytes)
        return Data(bytes)
    }

    /// Builds a node from JSON text with `JSONSerialization`; object keys come out sorted because JSON objects are
    /// unordered there. JSON strings stay strings even when their text looks like a number.
    public init(json: Data) throws(YAMLError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])
        } catch {
            throw YAMLError(problem: "invalid JSON: \(error)", function: "JSONSerialization.jsonObject")
        }
        self = try Self.node(fromJSON: object)
    }

    private static func node(fromJSON object: Any) throws(YAMLError) -> YAMLNode {
        switch object {
        case is NSNull:
            return .scalar("null")
        case let string as String:
            return .string(string)
        case let number as NSNumber:
            // Booleans are NSNumbers too, and `as? Bool` also accepts 0 and 1; their class tells them apart.
            if type(of: number) == type(of: NSNumber(value: true)) {
                return .scalar(number.boolValue ? "true" : "false")
            }
            switch String(cString: number.objCType) {
            case "d", "f": return .scalar("\(number.doubleValue)")
            case "Q", "L", "I", "S", "C": return .scalar("\(number.uint64Value)")
            default: return .scalar("\(number.int64Value)")
            }
        case let array as [Any]:
            var items: [YAMLNode] = []
            for item in array {
                items.append(try Self.node(fromJSON: item))
            }
            return .sequence(items)
        case let dictionary as [String: Any]:
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            for key in dictionary.keys.sorted() {
                pairs.append((key: .string(key), value: try Self.node(fromJSON: dictionary[key] as Any)))
            }
            return YAMLNode(.mapping(pairs))
        default:
            throw YAMLError(problem: "unexpected JSON value \(object)", function: "JSONSerialization.jsonObject")
        }
    }

    private static func appendJSON(of node: YAMLNode, to bytes: inout [UInt8]) throws(YAMLError) {
        switch node.kind {
        case .scalar(let scalar):
            try Self.appendJSON(of: scalar, mark: node.mark, to: &bytes)
        case .sequence(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 {
                    bytes.append(UInt8(ascii: ","))
                }
                try Self.appendJSON(of: item, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .mapping(let pairs):
            bytes.append(UInt8(ascii: "{"))
            var seen: Set<String> = []
            for (index, pair) in pairs.enumerated() {
                guard let key = pair.key.scalar?.value else {
                    throw YAMLError(
                        problem: "a mapping key must be a scalar to convert to JSON", mark: pair.key.mark,
                        function: "jsonData")
                }
                guard seen.insert(key).inserted else {
                    throw YAMLError(
                        problem: "duplicate key \"\(key)\" in JSON", mark: pair.key.mark, function: "jsonData")
                }
                if index > 0 {
                    bytes.append(UInt8(ascii: ","))
                }
                Self.appendJSONString(key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                try Self.appendJSON(of: pair.value, to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static func appendJSON(of scalar: YAMLScalar, mark: YAMLMark?, to bytes: inout [UInt8]) throws(YAMLError) {
        switch scalar.resolvedTag {
        case YAMLScalar.nullTag:
            bytes.append(contentsOf: "null".utf8)
        case YAMLScalar.boolTag:
            bytes.append(contentsOf: (scalar.value.lowercased() == "true" ? "true" : "false").utf8)
        case YAMLScalar.intTag:
            guard let integer = YAMLCoreSchema.integer(scalar.value) else {
                throw YAMLError(
                    problem: "integer \(scalar.value) does not fit in 64 bits", mark: mark, function: "jsonData")
            }
            bytes.append(contentsOf: String(integer).utf8)
        case YAMLScalar.floatTag:
            guard let double = YAMLCoreSchema.double(scalar.value), double.isFinite else {
                throw YAMLError(problem: "float \(scalar.value) has no JSON form", mark: mark, function: "jsonData")
            }
            bytes.append(contentsOf: "\(double)".utf8)
        default:
            Self.appendJSONString(scalar.value, to: &bytes)
        }
    }

    private static func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20: bytes.append(contentsOf: #"\u00"#.utf8 + [hex[Int(byte >> 4)], hex[Int(byte & 0xf)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
