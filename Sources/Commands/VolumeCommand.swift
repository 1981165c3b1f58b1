internal import Client
internal import Foundation
internal import HeketiAPI

/// `brickyard volume create|list|info|expand|delete|endpoint patch`, with heketi-cli's flags; its block-hosting
/// and clone verbs are refused.
struct VolumeCommand: ClientAction {
    static let help = ResourceHelp(
        name: "volume", summary: "Volumes are GlusterFS volumes whose bricks Brickyard places across failure domains.",
        verbs: [
            VerbHelp(
                name: "create",
                usage: "--size GiB [--name NAME] [--durability none|replicate|disperse] [--replica N] "
                    + "[--disperse-data D] [--redundancy R] [--arbiter] [--snapshot-factor F] [--gid G] "
                    + "[--clusters ID,...] [--gluster-volume-options 'KEY VALUE',...] "
                    + "[--persistent-volume | --persistent-volume-file FILE] [--persistent-volume-endpoint NAME]",
                summary: "Creates a volume and shows where its bricks went. Durability defaults to replicate 3 "
                    + "(as in heketi-cli, --disperse-data and --redundancy count only with --durability disperse); "
                    + "--arbiter makes the third brick of each set an arbiter; --snapshot-factor above 1 reserves "
                    + "room for snapshots. --persistent-volume prints a Kubernetes PersistentVolume for the new "
                    + "volume instead (--persistent-volume-file writes it to FILE).",
                example: "brickyard volume create --size 10 --replica 3 --name data",
                options: [
                    "size", "name", "replica", "durability", "disperse-data", "redundancy", "arbiter",
                    "snapshot-factor", "gid", "clusters", "gluster-volume-options", "persistent-volume",
                    "persistent-volume-file", "persistent-volume-endpoint", "block",
                ]),
            VerbHelp(
                name: "list", usage: "", summary: "Lists the volumes with size, durability and cluster.",
                example: "brickyard volume list"),
            VerbHelp(
                name: "info", usage: "ID",
                summary: "Shows a volume with the zone, node and device of every brick, and how to mount it.",
                example: "brickyard volume info 9e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b"),
            VerbHelp(
                name: "expand", usage: "ID --expand-size GiB | --volume ID --expand-size GiB",
                summary: "Grows a volume by adding brick sets.",
                example: "brickyard volume expand 9e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b --expand-size 10",
                options: ["expand-size", "volume"]),
            VerbHelp(
                name: "delete", usage: "ID", summary: "Deletes a volume and frees its bricks.",
                example: "brickyard volume delete 9e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b"),
            VerbHelp(
                name: "endpoint patch", usage: "ID",
                summary: "Prints a patch for a Kubernetes Endpoints object that lists the volume's servers.",
                example: "kubectl patch endpoints heketi-storage-endpoints -p "
                    + "\"$(brickyard volume endpoint patch 9e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b)\""),
            .refused("clone", "Brickyard does not clone volumes", options: ["name"]),
            .refused("set-block-hosting-restriction locked", "Brickyard has no block-hosting volumes"),
            .refused("set-block-hosting-restriction unlocked", "Brickyard has no block-hosting volumes"),
        ])

    /// Where `volume create` sends a Kubernetes PersistentVolume for the new volume, if anywhere.
    enum PersistentVolumeOutput: Equatable {
        case standardOutput(endpoint: String)
        case file(String, endpoint: String?)
    }

    enum Verb: Equatable {
        case create(VolumeCreateRequest, persistentVolume: PersistentVolumeOutput?)
        case list
        case info(String)
        case expand(String, Int64)
        case delete(String)
        case endpointPatch(String)
    }

    var verb: Verb
    /// Flags heketi-cli would have ignored, said on standard error before the request.
    var warnings: [String] = []

    init(verb: String, arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(arguments, flagNames: ["arbiter", "persistent-volume", "block"])
        switch verb {
        case "create":
            let (request, warnings) = try Self.createRequest(&list)
            self.verb = .create(request, persistentVolume: try Self.persistentVolume(&list))
            self.warnings = warnings
            try list.finish()
        case "list":
            try list.finish()
            self.verb = .list
        case "info":
            self.verb = .info(try list.identifier("volume"))
        case "expand":
            let named = list.string("volume")
            let size = try Self.gibibytes(&list, "expand-size")
            let id: String
            if let named, !named.isEmpty {
                try list.finish()
                id = named
            } else {
                id = try list.identifier("volume", finishing: false)
                try list.finish(maximumPositionals: 1)
            }
            self.verb = .expand(id, size)
        case "endpoint patch":
            self.verb = .endpointPatch(try list.identifier("volume"))
        default:
            self.verb = .delete(try list.identifier("volume"))
        }
    }

    /// A required size in GiB, from 1 to the largest size a server takes.
    static func gibibytes(_ list: inout ArgumentList, _ option: String) throws(UsageError) -> Int64 {
        guard let text = list.string(option) else { throw UsageError("option --\(option) is required (GiB, from 1)") }
        let maximum = VolumeCreateRequest.maximumSizeGiB
        guard let size = Int64(text), size >= 1, size <= maximum else {
            throw UsageError("option --\(option): \"\(text)\" is not a whole number of GiB from 1 to \(maximum)")
        }
        return size
    }

    /// Reads heketi-cli's `volume create` flags into the request heketi-cli sends: the durability type is
    /// `--durability` (replicate by default) and every count is sent, its default or as given. Counts the type does
    /// not use are ignored, as heketi-cli ignores them, with a warning. `--arbiter` (Brickyard's) adds Heketi's
    /// arbiter option to a replica 3 volume.
    static func createRequest(_ list: inout ArgumentList) throws(UsageError) -> (VolumeCreateRequest, [String]) {
        let size = try Self.gibibytes(&list, "size")
        let name = list.string("name") ?? ""
        let durability = try list.choice("durability", default: "replicate", from: ["none", "replicate", "disperse"])
        func count(_ option: String, _ fallback: Int) throws(UsageError) -> (value: Int, given: Bool) {
            guard let text = list.string(option) else { return (fallback, false) }
            guard let value = Int(text), value >= 1 else {
                throw UsageError("option --\(option): \"\(text)\" is not a whole number from 1")
            }
            return (value, true)
        }
        let replica = try count("replica", 3)
        let data = try count("disperse-data", VolumeCreateRequest.defaultDisperse.data)
        let redundancy = try count("redundancy", VolumeCreateRequest.defaultDisperse.redundancy)
        let arbiter = list.flag("arbiter")
        if list.flag("block") {
            throw UsageError("--block makes a block-hosting volume, which Brickyard does not serve")
        }
        if arbiter {
            guard durability == "replicate" else { throw UsageError("--arbiter needs --durability replicate") }
            guard replica.value == 3 else { throw UsageError("--arbiter needs --replica 3") }
        }
        var ignored: [String] = []
        if durability != "replicate", replica.given { ignored.append("--replica") }
        if durability != "disperse" {
            if data.given { ignored.append("--disperse-data") }
            if redundancy.given { ignored.append("--redundancy") }
        }
        var warnings: [String] = []
        if !ignored.isEmpty {
            let them = ignored.count == 1 ? "it" : "them"
            warnings.append(
                "brickyard: warning: \(ignored.joined(separator: " and ")) "
                    + "\(ignored.count == 1 ? "is" : "are") ignored with --durability \(durability) "
                    + "(heketi-cli ignores \(them) too)")
        }
        var options = list.list("gluster-volume-options")
        if arbiter, !options.contains(VolumeText.arbiterOption) { options.append(VolumeText.arbiterOption) }
        var snapshot = SnapshotMessage(enable: false, factor: 0)
        if let text = list.string("snapshot-factor") {
            guard let factor = Double(text), factor >= 1, factor <= 100 else {
                throw UsageError("option --snapshot-factor: \"\(text)\" must be a number from 1 to 100")
            }
            if factor > 1 { snapshot = SnapshotMessage(enable: true, factor: factor) }
        }
        var gid: Int64?
        if let text = list.string("gid") {
            guard let value = Int64(text), value >= 0 else {
                throw UsageError("option --gid: \"\(text)\" is not a whole number from 0")
            }
            gid = value == 0 ? nil : value
        }
        let clusters = list.list("clusters")
        let request = VolumeCreateRequest(
            size: size, name: name,
            durability: DurabilityMessage(
                type: durability, replicate: .init(replica: replica.value),
                disperse: .init(data: data.value, redundancy: redundancy.value)),
            gid: gid, glustervolumeoptions: options.isEmpty ? nil : options, snapshot: snapshot,
            clusters: clusters.isEmpty ? nil : clusters)
        return (request, warnings)
    }

    static func persistentVolume(_ list: inout ArgumentList) throws(UsageError) -> PersistentVolumeOutput? {
        let printed = list.flag("persistent-volume")
        let file = list.string("persistent-volume-file")
        let endpoint = list.string("persistent-volume-endpoint")
        if printed {
            guard file == nil else {
                throw UsageError("--persistent-volume prints the PersistentVolume; --persistent-volume-file writes it: give one")
            }
            guard let endpoint, !endpoint.isEmpty else {
                throw UsageError("--persistent-volume needs --persistent-volume-endpoint NAME")
            }
            return .standardOutput(endpoint: endpoint)
        }
        if let file {
            guard !file.isEmpty else { throw UsageError("option --persistent-volume-file needs a file name") }
            return .file(file, endpoint: endpoint)
        }
        guard endpoint == nil else {
            throw UsageError("--persistent-volume-endpoint goes with --persistent-volume or --persistent-volume-file")
        }
        return nil
    }

    func run(_ context: ClientContext) async throws(ClientError) {
        let client = context.client
        for warning in self.warnings { context.console.warn(warning) }
        switch self.verb {
        case .create(let request, let persistentVolume):
            let volume = try await context.track("creating volume") { () throws(ClientError) in
                try await client.createVolume(request)
            }
            switch persistentVolume {
            case .standardOutput(let endpoint):
                context.console.print(OutputFormat.json(PersistentVolumeObject(volume: volume, endpoint: endpoint)))
            case .file(let path, let endpoint):
                try await self.showVolume(volume, context)
                let object = PersistentVolumeObject(volume: volume, endpoint: endpoint)
                guard FileManager.default.createFile(atPath: path, contents: Data(OutputFormat.json(object).utf8)) else {
                    throw .operationFailed(
                        message: "volume \(volume.id) was created, but its PersistentVolume could not be written to \(path)")
                }
                context.console.warn("PersistentVolume \(object.metadata.name) written to \(path)")
            case nil:
                try await self.showVolume(volume, context)
            }
        case .list:
            let list = try await client.listVolumes()
            if context.format == .text {
                var volumes: [VolumeInfoResponse] = []
                for id in list.volumes { volumes.append(try await client.volumeInfo(id)) }
                context.show(list) { _ in VolumeText.list(volumes) }
            } else {
                context.show(list) { _ in [] }
            }
        case .info(let id):
            try await self.showVolume(try await client.volumeInfo(id), context)
        case .expand(let id, let size):
            let volume = try await context.track("expanding volume \(id)") { () throws(ClientError) in
                try await client.expandVolume(id, by: size)
            }
            try await self.showVolume(volume, context)
        case .delete(let id):
            try await context.track("deleting volume \(id)") { () throws(ClientError) in
                try await client.deleteVolume(id)
            }
            context.confirm("Volume \(id) deleted", ActionResult(id: id, result: "deleted"))
        case .endpointPatch(let id):
            let volume = try await client.volumeInfo(id)
            context.console.print(OutputFormat.json(EndpointsPatch(volume: volume)))
        }
    }

    /// In text mode, reads the bricks' nodes too, for the failure-domain layout.
    private func showVolume(_ volume: VolumeInfoResponse, _ context: ClientContext) async throws(ClientError) {
        var nodes: [String: NodeInfoResponse] = [:]
        if context.format == .text {
            for id in Set(volume.bricks.map(\.node)).sorted() { nodes[id] = try await context.client.nodeInfo(id) }
        }
        context.show(volume) { VolumeText.info($0, nodes: nodes) }
    }
}
