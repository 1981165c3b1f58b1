import StorageModel
import YAML

/// Typed reads of one YAML/JSON document with errors that name the file, line, column and rule broken.
struct DocumentReader {
    let file: String

    func location(of node: YAMLNode) -> SourceLocation {
        SourceLocation(file: self.file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    func error(_ node: YAMLNode, _ rule: String) -> DesiredStateError {
        DesiredStateError(self.location(of: node), rule)
    }

    /// The pairs of a mapping whose keys are all in `allowed`; an unknown key is an error naming it, so a typo
    /// never silently drops a setting.
    func mapping(_ node: YAMLNode, _ what: String, allowed: Set<String>) throws(DesiredStateError)
        -> [String: (node: YAMLNode, key: YAMLNode)]
    {
        guard let pairs = node.pairs else { throw self.error(node, "\(what) must be a mapping") }
        var result: [String: (node: YAMLNode, key: YAMLNode)] = [:]
        for (key, value) in pairs {
            guard let name = key.string else { throw self.error(key, "\(what): keys must be strings") }
            guard allowed.contains(name) else {
                throw self.error(key, "\(what): unknown key \"\(name)\" (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            guard result[name] == nil else { throw self.error(key, "\(what): \"\(name)\" is given twice") }
            result[name] = (value, key)
        }
        return result
    }

    func required(
        _ fields: [String: (node: YAMLNode, key: YAMLNode)], _ key: String, in parent: YAMLNode, _ what: String
    ) throws(DesiredStateError) -> YAMLNode {
        guard let field = fields[key] else { throw self.error(parent, "\(what): \"\(key)\" is required") }
        return field.node
    }

    func string(_ node: YAMLNode, _ what: String) throws(DesiredStateError) -> String {
        guard let text = node.string ?? node.scalar.map(\.value), node.scalar != nil, !node.isNull else {
            throw self.error(node, "\(what) must be a string")
        }
        return text
    }

    func integer(_ node: YAMLNode, _ what: String) throws(DesiredStateError) -> Int {
        guard let value = node.int else { throw self.error(node, "\(what) must be an integer") }
        return value
    }

    func number(_ node: YAMLNode, _ what: String) throws(DesiredStateError) -> Double {
        guard let value = node.double else { throw self.error(node, "\(what) must be a number") }
        return value
    }

    func boolean(_ node: YAMLNode, _ what: String) throws(DesiredStateError) -> Bool {
        guard let value = node.bool else { throw self.error(node, "\(what) must be true or false") }
        return value
    }

    func sequence(_ node: YAMLNode, _ what: String) throws(DesiredStateError) -> [YAMLNode] {
        guard let items = node.items else { throw self.error(node, "\(what) must be a list") }
        return items
    }

    func strings(_ node: YAMLNode, _ what: String) throws(DesiredStateError) -> [String] {
        var result: [String] = []
        for item in try self.sequence(node, what) { result.append(try self.string(item, "each of \(what)")) }
        return result
    }

    func tags(_ node: YAMLNode?, _ what: String) throws(DesiredStateError) -> Tags {
        guard let node, !node.isNull else { return [:] }
        guard let pairs = node.pairs else { throw self.error(node, "\(what) must be a mapping of strings") }
        var values: [String: String] = [:]
        for (key, value) in pairs {
            guard let name = key.string else { throw self.error(key, "\(what): keys must be strings") }
            values[name] = try self.string(value, "\(what).\(name)")
        }
        return try self.checked(node) { () throws(ValidationError) in try Tags(validating: values, field: what) }
    }

    /// Runs a model validation and turns its error into one at `node`.
    func checked<Value>(_ node: YAMLNode, _ body: () throws(ValidationError) -> Value) throws(DesiredStateError)
        -> Value
    {
        do throws(ValidationError) {
            return try body()
        } catch {
            throw self.error(node, error.description)
        }
    }
}
