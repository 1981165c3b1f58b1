import StorageModel

/// Everything an observation asks one node, as one `sh -c` script: a pass over the pool costs one round trip per
/// node instead of one per tool.
///
/// Unlike `NodeScript`, the script has no `set -e`: every section runs whatever the others return, so a node
/// without LVM tools still reports its peers. Each section's standard output and standard error are framed, on
/// both streams, by marker lines carrying the section's name and, at the end, its exit code:
///
///     @@brickyard-section TOKEN peers@@
///     ...what the command printed...
///     @@brickyard-end TOKEN peers 0@@
///
/// `TOKEN` is chosen by the caller for each run (random, `[A-Za-z0-9]`), so a tool's output cannot end a section
/// early by printing a line that looks like a marker: it would have to know the token. The markers never appear
/// whole in the script text either (a wrapper that echoes the command it runs cannot forge one).
public struct NodeObservationScript: Hashable, Sendable {
    /// What a section asks.
    public enum Name: String, Hashable, Sendable, CaseIterable {
        case peers
        case physicalVolumes = "pvs"
        case volumeGroups = "vgs"
        case logicalVolumes = "lvs"
        case mounts
        case brickDirectories = "brick-directories"
        case directoryFilesystems = "directory-filesystems"
        case volumeInfo = "volume-info"
        case volumeStatus = "volume-status"
    }

    /// One command run in its own frame.
    public struct Section: Hashable, Sendable {
        public var name: Name
        public var command: NodeCommand

        public init(_ name: Name, _ command: NodeCommand) {
            self.name = name
            self.command = command
        }
    }

    /// The per-run token in every marker.
    public let token: String
    public var sections: [Section]

    /// A script of `sections` whose markers carry `token`, which must be non-empty and only `[A-Za-z0-9]`.
    public init(token: String, sections: [Section]) {
        precondition(
            !token.isEmpty && token.utf8.allSatisfy { Self.isAlphanumeric($0) }, "a marker token is [A-Za-z0-9]+")
        self.token = token
        self.sections = sections
    }

    /// The sections an observation asks of a node: its peers, its LVM reports, the mounted filesystems, the
    /// `brick_*` directories on its directory devices and the sizes of their filesystems (when it has any), and,
    /// with `volumes`, gluster's volume info and status (asked of one node only: every glusterd of the pool knows
    /// every volume).
    public static func sections(
        gluster: GlusterCLI, storage: StorageToolSettings, directoryDevices: [String], volumes: Bool
    ) -> [Section] {
        var sections = [
            Section(.peers, gluster.peerStatus()),
            Section(.physicalVolumes, LVMReport.physicalVolumes(settings: storage)),
            Section(.volumeGroups, LVMReport.volumeGroups(settings: storage)),
            Section(.logicalVolumes, LVMReport.logicalVolumes(settings: storage)),
            Section(.mounts, NodeCommand(["findmnt", "-rn", "-o", "TARGET"])),
        ]
        if !directoryDevices.isEmpty {
            sections.append(
                Section(
                    .brickDirectories,
                    NodeCommand(
                        ["find"] + directoryDevices
                            + ["-mindepth", "1", "-maxdepth", "1", "-type", "d", "-name", BrickLocation.namePattern])))
            sections.append(Section(.directoryFilesystems, PathProbe.devicePaths(directoryDevices)))
        }
        if volumes {
            sections += Self.volumeSections(gluster: gluster)
        }
        return sections
    }

    /// `volume info --xml` and `volume status all --xml`. Status is asked even when no volume is started (it
    /// then fails, which only means no brick is known to be online): deciding in the script would cost a second
    /// round trip or a parser in `sh`.
    public static func volumeSections(gluster: GlusterCLI) -> [Section] {
        [
            Section(.volumeInfo, gluster.volumeInfo()),
            Section(.volumeStatus, gluster.command(["volume", "status", "all", "--xml"])),
        ]
    }

    /// The script text: the token, a function that prints a marker on both streams, then one line per section.
    public var text: String {
        var lines = [
            "brickyard_token=\(self.token)",
            // A leading newline puts the marker at the start of a line even after output without a final newline;
            // the parser takes that newline back off.
            #"brickyard_mark() { printf '\n@@brickyard-%s@@\n' "$*"; printf '\n@@brickyard-%s@@\n' "$*" >&2; }"#,
        ]
        for section in self.sections {
            let name = section.name.rawValue
            lines.append(
                #"brickyard_mark section "$brickyard_token" \#(name); \#(section.command.rendered); "#
                    + #"brickyard_mark end "$brickyard_token" \#(name) $?"#)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `sh -c TEXT`: what a transport runs.
    public var command: NodeCommand {
        NodeCommand(["sh", "-c", self.text])
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
