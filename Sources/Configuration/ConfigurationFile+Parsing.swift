import Foundation
import YAML

extension ConfigurationFile {
    /// Reads a configuration file's text: Heketi's heketi.json, or the same keys in YAML.
    ///
    /// JSON is read by the YAML parser (JSON is YAML 1.2 flow syntax), so every error names a line and column. The
    /// few JSON texts libyaml rejects (a key and its colon on different lines, duplicate keys) are read again with
    /// `JSONSerialization`, with a warning that positions are unavailable.
    ///
    /// GlusterFS keys are accepted both under `glusterfs`, where Heketi reads them, and at the top level. When both
    /// are given, the `glusterfs` one wins (it is the one Heketi used) and the other earns a warning.
    public static func parse(_ text: String, path: String) throws(ConfigurationError) -> ConfigurationFile {
        var reader = ConfigurationFileReader(path: path)
        var file = ConfigurationFile(path: path)
        if let root = try Self.document(text, reader: &reader) {
            try file.read(root, with: &reader)
        }
        file.warnings = reader.warnings
        return file
    }

    /// Reads and parses the file at `path`; the only function of this module that touches the file system.
    public static func load(path: String) throws(ConfigurationError) -> ConfigurationFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: Self.reason(error))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadableFile(path: path, reason: "not UTF-8 text")
        }
        return try Self.parse(text, path: path)
    }

    /// Foundation's message for a failed read, such as "The file “x” couldn’t be opened because there is no such
    /// file."
    private static func reason(_ error: any Error) -> String {
        error.localizedDescription
    }

    /// The single document of the text, or `nil` for an empty one.
    private static func document(
        _ text: String, reader: inout ConfigurationFileReader
    ) throws(ConfigurationError) -> YAMLNode? {
        let documents: [YAMLNode]
        do throws(YAMLError) {
            documents = try YAMLParser.parseDocuments(text)
        } catch {
            if text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).first == "{",
                let node = try? YAMLNode(json: Data(text.utf8))
            {
                reader.warn(
                    "read as plain JSON because the YAML reader rejected it (\(error)); errors in this file will "
                        + "not give a line and column")
                return node
            }
            var problem = error.problem
            if let context = error.context {
                problem +=
                    " (\(context)" + (error.contextMark.map { " at line \($0.line), column \($0.column)" } ?? "")
                    + ")"
            }
            throw .syntax(
                path: reader.path, position: error.mark.map { FilePosition(line: $0.line, column: $0.column) },
                problem: problem)
        }
        guard documents.count <= 1 else {
            throw .syntax(
                path: reader.path, position: documents[1].mark.map { FilePosition(line: $0.line, column: $0.column) },
                problem: "found \(documents.count) YAML documents; a configuration file holds one")
        }
        return documents.first
    }

    /// The GlusterFS keys, in the order they are read; accepted under `glusterfs` and at the top level.
    static let glusterfsKeys = [
        "executor", "db", "loglevel", "brick_min_size_gb", "brick_max_size_gb", "max_bricks_per_volume",
        "average_file_size_kb", "zone_checking", "max_volumes_per_cluster", "max_inflight_operations",
        "pre_request_volume_options", "post_request_volume_options", "sshexec", "kubeexec", "localexec",
    ]

    private mutating func read(_ root: YAMLNode, with reader: inout ConfigurationFileReader) throws(ConfigurationError)
    {
        guard let entries = try reader.mapping(root, key: "") else {
            return
        }
        var topLevel: [String: ConfigurationFileReader.Entry] = [:]
        var section: [String: ConfigurationFileReader.Entry] = [:]
        for entry in entries {
            switch entry.key {
            case "listen": self.listen = try reader.string(entry.value, key: "listen")
            case "port": self.port = try reader.port(entry.value, key: "port")
            case "use_auth": self.useAuth = try reader.boolean(entry.value, key: "use_auth")
            case "enable_tls": self.enableTLS = try reader.boolean(entry.value, key: "enable_tls")
            case "cert_file": self.certificateFile = try reader.string(entry.value, key: "cert_file")
            case "key_file": self.keyFile = try reader.string(entry.value, key: "key_file")
            case "jwt": try self.readJWT(entry.value, with: &reader)
            case "glusterfs":
                for inner in try reader.mapping(entry.value, key: "glusterfs") ?? [] {
                    if Self.glusterfsKeys.contains(inner.key) {
                        section[inner.key] = inner
                    } else {
                        reader.ignore(inner, keyPath: "glusterfs.\(inner.key)")
                    }
                }
            case let key where Self.glusterfsKeys.contains(key):
                topLevel[key] = entry
            default:
                reader.ignore(entry, keyPath: entry.key)
            }
        }
        for key in Self.glusterfsKeys {
            if let inSection = section[key], let atTop = topLevel[key] {
                let winner = reader.position(of: inSection.keyNode).map { " (at \($0))" } ?? ""
                reader.warn(at: atTop.keyNode, "ignoring top-level \(key): glusterfs.\(key)\(winner) takes precedence")
            }
            if let entry = section[key] {
                try self.readGlusterfsSetting(entry, keyPath: "glusterfs.\(key)", with: &reader)
            } else if let entry = topLevel[key] {
                try self.readGlusterfsSetting(entry, keyPath: key, with: &reader)
            }
        }
    }

    private mutating func readJWT(_ node: YAMLNode, with reader: inout ConfigurationFileReader)
        throws(ConfigurationError)
    {
        for entry in try reader.mapping(node, key: "jwt") ?? [] {
            guard entry.key == "admin" || entry.key == "user" else {
                reader.ignore(entry, keyPath: "jwt.\(entry.key)")
                continue
            }
            for inner in try reader.mapping(entry.value, key: "jwt.\(entry.key)") ?? [] {
                let keyPath = "jwt.\(entry.key).\(inner.key)"
                guard inner.key == "key" else {
                    reader.ignore(inner, keyPath: keyPath)
                    continue
                }
                let value = try reader.string(inner.value, key: keyPath)
                if entry.key == "admin" {
                    self.adminKey = value
                } else {
                    self.userKey = value
                }
            }
        }
    }

    private mutating func readGlusterfsSetting(
        _ entry: ConfigurationFileReader.Entry, keyPath: String, with reader: inout ConfigurationFileReader
    ) throws(ConfigurationError) {
        let node = entry.value
        switch entry.key {
        case "executor": self.executor = try reader.string(node, key: keyPath)
        case "db": self.databasePath = try reader.string(node, key: keyPath)
        case "loglevel": self.logLevel = try reader.string(node, key: keyPath)
        case "brick_min_size_gb": self.brickMinSizeGB = try reader.integer(node, key: keyPath)
        case "brick_max_size_gb": self.brickMaxSizeGB = try reader.integer(node, key: keyPath)
        case "max_bricks_per_volume": self.maxBricksPerVolume = try reader.integer(node, key: keyPath)
        case "average_file_size_kb": self.averageFileSizeKB = try reader.integer(node, key: keyPath)
        case "zone_checking": self.zoneChecking = try reader.string(node, key: keyPath)
        case "max_volumes_per_cluster": self.maxVolumesPerCluster = try reader.integer(node, key: keyPath)
        case "max_inflight_operations": self.maxInflightOperations = try reader.integer(node, key: keyPath)
        case "pre_request_volume_options": self.preRequestVolumeOptions = try reader.stringList(node, key: keyPath)
        case "post_request_volume_options": self.postRequestVolumeOptions = try reader.stringList(node, key: keyPath)
        case "sshexec": try self.readSSH(node, keyPath: keyPath, with: &reader)
        case "kubeexec": try self.readKubernetes(node, keyPath: keyPath, with: &reader)
        case "localexec": try self.readLocal(node, keyPath: keyPath, with: &reader)
        default: break  // `glusterfsKeys` lists exactly the cases above.
        }
    }
}
