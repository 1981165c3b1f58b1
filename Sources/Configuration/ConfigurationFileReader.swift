import YAML

/// Reads typed values out of a parsed configuration document and collects warnings about ignored keys.
///
/// Types are strict, as in Heketi's Go decoder: `brick_max_size_gb: "100"` is an error, not a number. Two
/// exceptions are leniencies for YAML users: a port may be an integer, and a volume option list may be a YAML list.
/// `null` and empty strings mean "not set", as Go's zero values did for Heketi.
struct ConfigurationFileReader {
    /// One key-value pair of a mapping, with the key's text.
    struct Entry {
        var key: String
        var keyNode: YAMLNode
        var value: YAMLNode
    }

    let path: String
    private(set) var warnings: [String] = []

    init(path: String) {
        self.path = path
    }

    // MARK: Positions and errors

    func position(of node: YAMLNode) -> FilePosition? {
        node.mark.map { FilePosition(line: $0.line, column: $0.column) }
    }

    func source(of node: YAMLNode) -> ConfigurationSource {
        .file(path: self.path, position: self.position(of: node))
    }

    func wrongType(_ node: YAMLNode, key: String, expected: [ConfigurationValueKind]) -> ConfigurationError {
        .wrongType(
            source: self.source(of: node), key: key, expected: expected, found: Self.kind(of: node),
            value: node.scalar?.value ?? "")
    }

    static func kind(of node: YAMLNode) -> ConfigurationValueKind {
        switch node.kind {
        case .sequence: return .sequence
        case .mapping: return .mapping
        case .scalar(let scalar):
            switch scalar.resolvedTag {
            case YAMLScalar.stringTag: return .string
            case YAMLScalar.intTag: return .integer
            case YAMLScalar.floatTag: return .float
            case YAMLScalar.boolTag: return .boolean
            case YAMLScalar.nullTag: return .null
            case let tag: return .tagged(tag)
            }
        }
    }

    mutating func warn(at node: YAMLNode, _ message: String) {
        let location = self.position(of: node).map { "\(self.path):\($0)" } ?? self.path
        self.warnings.append("\(location): \(message)")
    }

    mutating func warn(_ message: String) {
        self.warnings.append("\(self.path): \(message)")
    }

    /// Records why a key is skipped: a comment (`_…`), a Heketi setting Brickyard has no use for, or unknown.
    mutating func ignore(_ entry: Entry, keyPath: String) {
        if entry.key.hasPrefix("_") {
            self.warn(at: entry.keyNode, "ignoring comment key \(keyPath)")
        } else if Self.heketiKeysWithoutEffect.contains(entry.key) {
            self.warn(at: entry.keyNode, "ignoring \(keyPath): a Heketi setting Brickyard does not use")
        } else {
            self.warn(at: entry.keyNode, "ignoring unknown key \(keyPath)")
        }
    }

    /// Heketi settings (server, glusterfs and executor keys) that have no Brickyard equivalent.
    static let heketiKeysWithoutEffect: Set<String> = [
        "backup_db_to_kube_secret", "profiling", "cert_file", "key_file", "allocator", "db_read_only", "injectexec",
        "auto_create_block_hosting_volume", "block_hosting_volume_size", "new_block_hosting_volume_size",
        "block_hosting_volume_options", "disable_monitor_gluster_nodes", "refresh_time_monitor_gluster_nodes",
        "start_time_monitor_gluster_nodes", "disable_background_cleaner", "refresh_time_background_cleaner",
        "start_time_background_cleaner", "ignore_stale_operations", "operation_retry_limits", "mountopts",
    ]

    // MARK: Typed reads

    /// The entries of a mapping; `nil` for null.
    func mapping(_ node: YAMLNode, key: String) throws(ConfigurationError) -> [Entry]? {
        if node.isNull {
            return nil
        }
        guard let pairs = node.pairs else {
            throw self.wrongType(node, key: key, expected: [.mapping])
        }
        return pairs.map { Entry(key: $0.key.scalar?.value ?? $0.key.description, keyNode: $0.key, value: $0.value) }
    }

    func string(_ node: YAMLNode, key: String) throws(ConfigurationError) -> FileValue<String>? {
        if node.isNull {
            return nil
        }
        guard let text = node.string else {
            throw self.wrongType(node, key: key, expected: [.string])
        }
        return text.isEmpty ? nil : FileValue(text, key: key, position: self.position(of: node))
    }

    /// A path on the nodes, which commands there take as given: it must be absolute.
    func absolutePath(_ node: YAMLNode, key: String) throws(ConfigurationError) -> String? {
        guard let path = try self.string(node, key: key) else { return nil }
        guard path.value.hasPrefix("/") else {
            throw .invalidValue(source: self.source(of: node), key: key, value: path.value, rule: .absolutePath)
        }
        return path.value
    }

    func integer(_ node: YAMLNode, key: String) throws(ConfigurationError) -> FileValue<Int>? {
        if node.isNull {
            return nil
        }
        guard let number = node.int else {
            throw self.wrongType(node, key: key, expected: [.integer])
        }
        return FileValue(number, key: key, position: self.position(of: node))
    }

    /// An integer that must be at least 1, for executor settings that are only ever read from the file.
    func positiveInteger(_ node: YAMLNode, key: String) throws(ConfigurationError) -> Int? {
        guard let number = try self.integer(node, key: key) else {
            return nil
        }
        guard number.value >= 1 else {
            throw .invalidValue(
                source: self.source(of: node), key: key, value: String(number.value), rule: .positive)
        }
        return number.value
    }

    func boolean(_ node: YAMLNode, key: String) throws(ConfigurationError) -> FileValue<Bool>? {
        if node.isNull {
            return nil
        }
        guard let flag = node.bool else {
            throw self.wrongType(node, key: key, expected: [.boolean])
        }
        return FileValue(flag, key: key, position: self.position(of: node))
    }

    /// A port as text: Heketi writes `"8080"`, YAML users write `8080`.
    func port(_ node: YAMLNode, key: String) throws(ConfigurationError) -> FileValue<String>? {
        if let number = node.int {
            return FileValue(String(number), key: key, position: self.position(of: node))
        }
        guard node.isNull || node.string != nil else {
            throw self.wrongType(node, key: key, expected: [.string, .integer])
        }
        return try self.string(node, key: key)
    }

    /// Heketi's comma-separated list, or a YAML list of strings; entries trimmed, empty ones dropped.
    func stringList(_ node: YAMLNode, key: String) throws(ConfigurationError) -> FileValue<[String]>? {
        if let items = node.items {
            var entries: [String] = []
            for item in items {
                guard let text = item.string else {
                    throw self.wrongType(item, key: key, expected: [.string])
                }
                entries.append(text)
            }
            return FileValue(Self.trimmed(entries), key: key, position: self.position(of: node))
        }
        guard node.isNull || node.string != nil else {
            throw self.wrongType(node, key: key, expected: [.string, .sequence])
        }
        guard let text = try self.string(node, key: key) else {
            return nil
        }
        let entries = text.value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return FileValue(Self.trimmed(entries), key: key, position: text.position)
    }

    private static func trimmed(_ entries: [String]) -> [String] {
        entries.map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
