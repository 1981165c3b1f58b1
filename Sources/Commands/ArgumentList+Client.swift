/// Argument kinds the client commands read beyond those the server commands need.
extension ArgumentList {
    /// `--name true|false`; nil when not given.
    mutating func boolean(_ name: String) throws(UsageError) -> Bool? {
        guard let text = self.string(name) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw UsageError("option --\(name): \"\(text)\" must be true or false")
        }
    }

    /// The one positional id of a verb such as `info ID`; by default nothing else may follow.
    mutating func identifier(_ kind: String, finishing: Bool = true) throws(UsageError) -> String {
        guard let id = self.positionals.first, !id.isEmpty else { throw UsageError("the \(kind) id is missing") }
        if finishing { try self.finish(maximumPositionals: 1) }
        return id
    }

    /// A value that must be given.
    mutating func required(_ name: String) throws(UsageError) -> String {
        guard let value = self.string(name), !value.isEmpty else { throw UsageError("option --\(name) is required") }
        return value
    }

    /// A comma-separated list (`--clusters a,b`); empty when not given.
    mutating func list(_ name: String) -> [String] {
        guard let text = self.string(name) else { return [] }
        return text.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// `key:value` pairs separated by commas (`--tags arbiter:supported,rack:r1`).
    mutating func tags(_ name: String) throws(UsageError) -> [String: String]? {
        let items = self.list(name)
        guard !items.isEmpty else { return nil }
        return try Self.tags(items, option: "--\(name)")
    }

    static func tags(_ items: [String], option: String) throws(UsageError) -> [String: String] {
        var tags: [String: String] = [:]
        for item in items {
            guard let colon = item.firstIndex(of: ":"), colon != item.startIndex else {
                throw UsageError("\(option): \"\(item)\" must be key:value")
            }
            tags[String(item[..<colon])] = String(item[item.index(after: colon)...])
        }
        return tags
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
