public import Foundation
import StorageModel

/// LVM's JSON reports (`pvs`, `vgs`, `lvs` with `--reportformat json --units b --nosuffix`) as typed rows with
/// byte sizes: sizes exact to the byte, in a format that does not shift with the locale or a column's width.
public enum LVMReport {
    /// `--reportformat json --units b --nosuffix`.
    public static let jsonArguments = ["--reportformat", "json", "--units", "b", "--nosuffix"]

    /// `pvs … -o pv_name,vg_name,pv_size,pv_free [PATH]`.
    public static func physicalVolumes(_ paths: [String] = [], settings: StorageToolSettings = StorageToolSettings())
        -> NodeCommand
    {
        settings.lvm(["pvs"] + Self.jsonArguments + ["-o", PhysicalVolumeRow.fields.joined(separator: ",")] + paths)
    }

    /// `vgs … -o vg_name,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count [VG]`.
    public static func volumeGroups(_ names: [String] = [], settings: StorageToolSettings = StorageToolSettings())
        -> NodeCommand
    {
        settings.lvm(["vgs"] + Self.jsonArguments + ["-o", VolumeGroupRow.fields.joined(separator: ",")] + names)
    }

    /// `lvs … -o lv_name,vg_name,lv_size,pool_lv,lv_attr,thin_count,data_percent,metadata_percent [VG|VG/LV]`.
    public static func logicalVolumes(_ names: [String] = [], settings: StorageToolSettings = StorageToolSettings())
        -> NodeCommand
    {
        settings.lvm(["lvs"] + Self.jsonArguments + ["-o", LogicalVolumeRow.fields.joined(separator: ",")] + names)
    }

    public static func physicalVolumes(from data: Data) throws(NodeOutputError) -> [PhysicalVolumeRow] {
        try Self.rows("pv", in: data).map { row throws(NodeOutputError) in try PhysicalVolumeRow(row) }
    }

    public static func volumeGroups(from data: Data) throws(NodeOutputError) -> [VolumeGroupRow] {
        try Self.rows("vg", in: data).map { row throws(NodeOutputError) in try VolumeGroupRow(row) }
    }

    public static func logicalVolumes(from data: Data) throws(NodeOutputError) -> [LogicalVolumeRow] {
        try Self.rows("lv", in: data).map { row throws(NodeOutputError) in try LogicalVolumeRow(row) }
    }

    /// The rows under `key` in every report of the output, as text fields.
    ///
    /// `{"report": [{"vg": [{"vg_name": "vg_x", "vg_size": "1069547520", ...}]}]}`; numbers are accepted as well
    /// as strings (`--reportformat json_std` prints them bare).
    static func rows(_ key: String, in data: Data) throws(NodeOutputError) -> [LVMRow] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw .malformed(tool: "lvm", reason: "not JSON: \(String(decoding: data, as: UTF8.self).excerpt)")
        }
        guard let top = object as? [String: Any], let reports = top["report"] as? [Any] else {
            throw .malformed(tool: "lvm", reason: "no \"report\" array")
        }
        var rows: [LVMRow] = []
        for report in reports {
            guard let report = report as? [String: Any] else {
                throw .malformed(tool: "lvm", reason: "a report is not an object")
            }
            guard let entries = report[key] else { continue }
            guard let list = entries as? [Any] else {
                throw .malformed(tool: "lvm", reason: "\"\(key)\" is not an array")
            }
            for entry in list {
                guard let fields = entry as? [String: Any] else {
                    throw .malformed(tool: "lvm", reason: "a \"\(key)\" row is not an object")
                }
                var row: [String: String] = [:]
                for (name, value) in fields {
                    if let text = value as? String {
                        row[name] = text
                    } else if let number = value as? NSNumber {
                        row[name] = number.stringValue
                    }
                }
                rows.append(LVMRow(fields: row))
            }
        }
        return rows
    }
}

/// One row of a report, by field name.
struct LVMRow {
    var fields: [String: String]

    func text(_ name: String) throws(NodeOutputError) -> String {
        guard let value = self.fields[name] else {
            throw .malformed(tool: "lvm", reason: "row has no \"\(name)\" field")
        }
        return value
    }

    /// A size in bytes (`1069547520`; a trailing `B` is tolerated).
    func size(_ name: String) throws(NodeOutputError) -> ByteCount {
        guard let size = try self.optionalSize(name) else {
            throw .malformed(tool: "lvm", reason: "\"\(name)\" is empty")
        }
        return size
    }

    /// A size in bytes, or nil when LVM leaves the field empty.
    func optionalSize(_ name: String) throws(NodeOutputError) -> ByteCount? {
        var text = try self.text(name).trimmingSpacesAndNewlines()
        if text.isEmpty { return nil }
        if text.hasSuffix("B") || text.hasSuffix("b") { text.removeLast() }
        // Sizes are whole bytes with --units b; some versions still print `.00`.
        if text.hasSuffix(".00") { text.removeLast(3) }
        guard let bytes = Int64(text), bytes >= 0 else {
            throw .malformed(tool: "lvm", reason: "\"\(name)\" is not a byte count: \(text.excerpt)")
        }
        return ByteCount(bytes: bytes)
    }

    func integer(_ name: String) throws(NodeOutputError) -> Int64 {
        let text = try self.text(name).trimmingSpacesAndNewlines()
        guard let value = Int64(text) else {
            throw .malformed(tool: "lvm", reason: "\"\(name)\" is not a number: \(text.excerpt)")
        }
        return value
    }

    func optionalInteger(_ name: String) -> Int64? {
        self.fields[name].flatMap { Int64($0.trimmingSpacesAndNewlines()) }
    }

    func optionalDouble(_ name: String) -> Double? {
        self.fields[name].flatMap { Double($0.trimmingSpacesAndNewlines()) }
    }
}
