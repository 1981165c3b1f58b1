public import Foundation

/// The topology file `topology load` reads, in heketi-cli's format: clusters of nodes, each node with its
/// hostnames, zone and devices. A device is either its path (`"/dev/sdb"`) or an object with `name`,
/// `destroydata` and `tags`, as newer Heketi files write it.
public struct TopologyFile: Codable, Hashable, Sendable {
    public var clusters: [Cluster]

    public struct Cluster: Codable, Hashable, Sendable {
        public var nodes: [NodeEntry]
        /// Whether the cluster allows file and block volumes when it is created (default both).
        public var file: Bool?
        public var block: Bool?

        public init(nodes: [NodeEntry], file: Bool? = nil, block: Bool? = nil) {
            self.nodes = nodes
            self.file = file
            self.block = block
        }
    }

    public struct NodeEntry: Codable, Hashable, Sendable {
        public var node: Node
        public var devices: [DeviceEntry]

        public init(node: Node, devices: [DeviceEntry]) {
            self.node = node
            self.devices = devices
        }
    }

    public struct Node: Codable, Hashable, Sendable {
        public var hostnames: Hostnames
        public var zone: Int
        public var tags: [String: String]?

        public init(hostnames: Hostnames, zone: Int, tags: [String: String]? = nil) {
            self.hostnames = hostnames
            self.zone = zone
            self.tags = tags
        }
    }

    public struct Hostnames: Codable, Hashable, Sendable {
        public var manage: [String]
        public var storage: [String]

        public init(manage: [String], storage: [String]) {
            self.manage = manage
            self.storage = storage
        }
    }

    public struct DeviceEntry: Codable, Hashable, Sendable {
        public var name: String
        public var destroydata: Bool?
        public var tags: [String: String]?

        public init(name: String, destroydata: Bool? = nil, tags: [String: String]? = nil) {
            self.name = name
            self.destroydata = destroydata
            self.tags = tags
        }

        enum CodingKeys: String, CodingKey {
            case name, destroydata, tags
        }

        public init(from decoder: any Decoder) throws {
            if let path = try? decoder.singleValueContainer().decode(String.self) {
                self.init(name: path)
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                name: try container.decode(String.self, forKey: .name),
                destroydata: try container.decodeIfPresent(Bool.self, forKey: .destroydata),
                tags: try container.decodeIfPresent([String: String].self, forKey: .tags))
        }
    }

    public init(clusters: [Cluster]) {
        self.clusters = clusters
    }

    /// Parses the file's JSON, saying where it went wrong in one line.
    public static func parse(_ data: Data) throws(TopologyFileError) -> TopologyFile {
        let file: TopologyFile
        do {
            file = try JSONDecoder().decode(TopologyFile.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw TopologyFileError(message: "missing \(Self.path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw TopologyFileError(message: "wrong type at \(Self.path(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw TopologyFileError(message: "null at \(Self.path(context.codingPath))")
        } catch {
            throw TopologyFileError(message: "not valid JSON")
        }
        for (index, cluster) in file.clusters.enumerated() {
            for (nodeIndex, entry) in cluster.nodes.enumerated() where entry.node.hostnames.manage.first == nil {
                throw TopologyFileError(
                    message: "clusters[\(index)].nodes[\(nodeIndex)].node.hostnames.manage is empty")
            }
        }
        return file
    }

    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "the top level" : text
    }
}

/// A topology file that cannot be read; `message` names the place.
public struct TopologyFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { self.message }
}
