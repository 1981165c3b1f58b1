internal import Foundation
internal import YAML

/// How client commands print results: `text` for people, `json` and `yaml` for programs.
///
/// JSON is pretty-printed with sorted keys and YAML is made from that JSON, so the same data always prints the same
/// bytes and scripts can diff two runs.
enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, yaml

    /// The machine-readable document for `value`; nil in text mode.
    func document(_ value: some Encodable) -> String? {
        switch self {
        case .text:
            return nil
        case .json:
            return Self.json(value)
        case .yaml:
            return Self.yaml(fromJSON: Data(Self.json(value).utf8))
        }
    }

    /// Raw JSON from the server (such as `db dump`) in this format; text mode prints it as JSON too.
    func document(rawJSON data: Data) -> String {
        switch self {
        case .text, .json:
            guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
                let pretty = try? JSONSerialization.data(
                    withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
            else { return String(decoding: data, as: UTF8.self) }
            return String(decoding: pretty, as: UTF8.self)
        case .yaml:
            return Self.yaml(fromJSON: data)
        }
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func yaml(fromJSON data: Data) -> String {
        do throws(YAMLError) {
            var text = try YAMLEmitter.emit([try YAMLNode(json: data)])
            while text.hasSuffix("\n") { text.removeLast() }
            return text
        } catch {
            return String(decoding: data, as: UTF8.self)
        }
    }
}
