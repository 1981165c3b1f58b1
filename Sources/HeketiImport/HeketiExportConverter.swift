public import Foundation
internal import StorageModel

/// Turns the JSON of `heketi db export` into Brickyard model values, keeping every id, so that a cluster Heketi
/// built is managed by Brickyard without touching a brick.
///
/// Pure: bytes in, values out. Everything is cross-checked (each reference resolves, each parent lists its
/// children, no id is used twice, devices hold their bricks) and the first problem stops the conversion with an
/// error naming the entry.
public struct HeketiExportConverter {
    let export: HeketiExport
    var clusters: [ClusterID: Cluster] = [:]
    var nodes: [NodeID: Node] = [:]
    var devices: [DeviceID: Device] = [:]
    var volumes: [VolumeID: Volume] = [:]
    var bricks: [BrickID: Brick] = [:]
    /// Brick ids per volume as Heketi's volume entry lists them (sorted by id, as Heketi keeps them).
    var volumeBricks: [VolumeID: [BrickID]] = [:]
    /// Set order a Brickyard dump recorded (`BrickSets`), used instead of grouping the bricks anew.
    var recordedSets: [VolumeID: [[BrickID]]] = [:]
    /// The storage hostnames of each volume's mount, in Heketi's order (the order of its first set's nodes).
    var mountHosts: [VolumeID: [String]] = [:]
    /// Bricks whose type Heketi did not record (SubType 0, exports from before it did).
    var untypedBricks: Set<BrickID> = []
    var notes: [ImportNote] = []

    /// Converts one export; the result lists parents before children.
    public static func convert(_ data: Data) throws(HeketiImportError) -> ImportedTopology {
        var converter = HeketiExportConverter(export: try Self.decode(data))
        try converter.convertAll()
        return ImportedTopology(
            clusters: converter.clusters.values.sorted { $0.id < $1.id },
            nodes: converter.nodes.values.sorted { $0.id < $1.id },
            devices: converter.devices.values.sorted { $0.id < $1.id },
            volumes: converter.volumes.values.sorted { $0.id < $1.id },
            bricks: converter.bricks.values.sorted { $0.id < $1.id },
            notes: converter.notes)
    }

    private init(export: HeketiExport) {
        self.export = export
    }

    private mutating func convertAll() throws(HeketiImportError) {
        if let pending = self.export.pendingoperations, !pending.isEmpty {
            throw HeketiImportError(
                "pendingoperations",
                .unsupported(
                    "\(pending.count) unfinished Heketi operation(s); let Heketi finish or clean them up, then export again"
                ))
        }
        if let blocks = self.export.blockvolumeentries, !blocks.isEmpty {
            throw HeketiImportError(
                "blockvolumeentries",
                .unsupported("\(blocks.count) block volume(s); Brickyard does not manage gluster-block"))
        }
        try self.convertClusters()
        try self.convertNodes()
        try self.convertDevices()
        try self.convertVolumes()
        try self.convertBricks()
        try self.checkDeviceSpace()
        try self.groupBrickSets()
    }

    /// Decodes the export, turning decoder failures and repeated keys into one readable line.
    static func decode(_ data: Data) throws(HeketiImportError) -> HeketiExport {
        let export: HeketiExport
        do {
            export = try JSONDecoder().decode(HeketiExport.self, from: data)
        } catch let error as DecodingError {
            throw Self.describe(error)
        } catch {
            throw HeketiImportError("the export", .unreadable("\(error)"))
        }
        if let duplicate = DuplicateKeyScanner.firstDuplicate(in: Array(data)) {
            let path = duplicate.path.isEmpty ? "the export" : duplicate.path.joined(separator: ".")
            throw HeketiImportError(path, .duplicateKey(duplicate.key))
        }
        return export
    }

    private static func describe(_ error: DecodingError) -> HeketiImportError {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the export" : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return HeketiImportError(path(context), .unreadable("expected \(Self.jsonName(of: type))"))
        case .valueNotFound(let type, let context):
            return HeketiImportError(path(context), .unreadable("expected \(Self.jsonName(of: type)), found null"))
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return HeketiImportError(
                    "the export", .unreadable("not valid JSON (is this the output of `heketi db export`?)"))
            }
            return HeketiImportError(path(context), .unreadable(context.debugDescription))
        case .keyNotFound(let key, let context):
            return HeketiImportError(path(context), .missing(field: key.stringValue))
        @unknown default:
            return HeketiImportError("the export", .unreadable("\(error)"))
        }
    }

    private static func jsonName(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is [String].Type, is [Any].Type: "an array"
        default: "an object"
        }
    }

    /// A section Heketi always writes; its absence means this is not an export.
    func section<Entry>(_ value: [String: Entry]?, _ name: String) throws(HeketiImportError) -> [(String, Entry)] {
        guard let value else {
            throw HeketiImportError(
                "the export", .unreadable("\(name) is missing; is this the output of `heketi db export`?"))
        }
        return value.sorted { $0.key < $1.key }
    }

    /// Parses an id, naming the entry and field when it is not 32 lowercase hex characters.
    func identifier<Kind>(_ text: String?, _ subject: String, field: String) throws(HeketiImportError) -> Identifier<
        Kind
    > {
        guard let text else { throw HeketiImportError(subject, .missing(field: field)) }
        do throws(ValidationError) {
            return try Identifier<Kind>(parsing: text)
        } catch {
            throw HeketiImportError(
                subject, .invalid(ValidationError(field: field, value: text, problem: .notAnIdentifier)))
        }
    }

    /// The id an entry is filed under, checked against its own `Info.id`.
    func key<Kind>(_ key: String, infoID: String?, kind: String) throws(HeketiImportError) -> Identifier<Kind> {
        let id: Identifier<Kind> = try self.identifier(key, "\(kind)entries", field: "key")
        let subject = "\(kind) \(key)"
        guard let infoID else { throw HeketiImportError(subject, .missing(field: "Info.id")) }
        guard infoID == key else { throw HeketiImportError(subject, .keyMismatch(infoID: infoID)) }
        return id
    }

    /// A Heketi size in `unit` bytes (KiB for devices and bricks, GiB for volumes) as a byte count.
    func size(_ value: Int64?, unit: Int64, _ subject: String, field: String) throws(HeketiImportError) -> ByteCount {
        guard let value else { throw HeketiImportError(subject, .missing(field: field)) }
        guard value >= 0 else {
            throw HeketiImportError(
                subject, .invalid(ValidationError(field: field, value: String(value), problem: .belowMinimum("0"))))
        }
        guard let bytes = ByteCount.exactly(value, unit: unit) else {
            throw HeketiImportError(
                subject, .invalid(ValidationError(field: field, value: String(value), problem: .aboveMaximum("8 EiB"))))
        }
        return bytes
    }

    /// Runs a model validation, attributing its failure to `subject`.
    func validated<Value>(_ subject: String, _ body: () throws(ValidationError) -> Value) throws(HeketiImportError)
        -> Value
    {
        do throws(ValidationError) {
            return try body()
        } catch {
            throw HeketiImportError(subject, .invalid(error))
        }
    }
}
