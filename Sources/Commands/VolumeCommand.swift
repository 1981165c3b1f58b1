internal import Client
internal import HeketiAPI

/// `brickyard volume create|list|info|expand|delete`.
struct VolumeCommand: ClientAction {
    static let help = ResourceHelp(
        name: "volume", summary: "Volumes are GlusterFS volumes whose bricks Brickyard places across failure domains.",
        verbs: [
            VerbHelp(
                name: "create",
                usage: "--size GiB [--name NAME] [--replica N | --durability none|replicate|disperse "
                    + "[--disperse-data D] [--redundancy R]] [--arbiter] [--snapshot-factor F] [--gid G] "
                    + "[--clusters ID,...] [--gluster-volume-options 'KEY VALUE',...]",
                summary: "Creates a volume and shows where its bricks went. Durability defaults to replicate 3; "
                    + "--arbiter makes the third brick of each set an arbiter; --snapshot-factor above 1 reserves "
                    + "thin-pool space for snapshots.",
                example: "brickyard volume create --size 10 --replica 3 --name data",
                options: [
                    "size", "name", "replica", "durability", "disperse-data", "redundancy", "arbiter",
                    "snapshot-factor", "gid", "clusters", "gluster-volume-options",
                ]),
            VerbHelp(
                name: "list", usage: "", summary: "Lists the volumes with size, durability and cluster.",
                example: "brickyard volume list"),
            VerbHelp(
                name: "info", usage: "ID", summary: "Shows a volume with the zone, node and device of every brick.",
                example: "brickyard volume info 9e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b"),
            VerbHelp(
                name: "expand", usage: "ID --expand-size GiB", summary: "Grows a volume by adding brick sets.",
                example: "brickyard volume expand 9e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b --expand-size 10",
                options: ["expand-size"]),
            VerbHelp(
                name: "delete", usage: "ID", summary: "Deletes a volume and frees its bricks.",
                example: "brickyard volume delete 9e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b"),
        ])

    enum Verb: Equatable {
        case create(VolumeCreateRequest)
        case list
        case info(String)
        case expand(String, Int64)
        case delete(String)
    }

    var verb: Verb

    init(verb: String, arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(arguments, flagNames: ["arbiter"])
        switch verb {
        case "create":
            self.verb = .create(try Self.createRequest(&list))
            try list.finish()
        case "list":
            try list.finish()
            self.verb = .list
        case "info":
            self.verb = .info(try list.identifier("volume"))
        case "expand":
            let id = try list.identifier("volume", finishing: false)
            let size = try list.integer("expand-size", default: 0, range: 0...Int(Int32.max))
            try list.finish(maximumPositionals: 1)
            guard size >= 1 else { throw UsageError("option --expand-size is required (GiB, from 1)") }
            self.verb = .expand(id, Int64(size))
        default:
            self.verb = .delete(try list.identifier("volume"))
        }
    }

    /// Reads heketi-cli's `volume create` flags. A replica, disperse or arbiter flag implies its durability when
    /// `--durability` is not given; contradictions are usage errors rather than server refusals.
    static func createRequest(_ list: inout ArgumentList) throws(UsageError) -> VolumeCreateRequest {
        let size = try list.integer("size", default: 0, range: 0...Int(Int32.max))
        guard size >= 1 else { throw UsageError("option --size is required (GiB, from 1)") }
        let name = list.string("name")
        let replicaText = list.string("replica")
        let dataText = list.string("disperse-data")
        let redundancyText = list.string("redundancy")
        let arbiter = list.flag("arbiter")
        var durability: String
        if let given = list.string("durability") {
            guard ["none", "replicate", "disperse"].contains(given) else {
                throw UsageError("option --durability: \"\(given)\" must be one of none, replicate, disperse")
            }
            durability = given
        } else {
            durability = dataText != nil || redundancyText != nil ? "disperse" : "replicate"
        }
        func number(_ text: String?, _ option: String, _ fallback: Int) throws(UsageError) -> Int {
            guard let text else { return fallback }
            guard let value = Int(text), value >= 1 else {
                throw UsageError("option --\(option): \"\(text)\" is not a whole number from 1")
            }
            return value
        }
        let message: DurabilityMessage
        switch durability {
        case "none":
            guard replicaText == nil, dataText == nil, redundancyText == nil, !arbiter else {
                throw UsageError("--durability none takes no --replica, --disperse-data, --redundancy or --arbiter")
            }
            message = DurabilityMessage(type: "none")
        case "disperse":
            guard replicaText == nil, !arbiter else {
                throw UsageError("--durability disperse takes --disperse-data and --redundancy, not --replica or --arbiter")
            }
            message = DurabilityMessage(
                type: "disperse",
                disperse: .init(
                    data: try number(dataText, "disperse-data", 4), redundancy: try number(redundancyText, "redundancy", 2)))
        default:
            guard dataText == nil, redundancyText == nil else {
                throw UsageError("--disperse-data and --redundancy need --durability disperse")
            }
            let replica = try number(replicaText, "replica", 3)
            if arbiter, replica != 3 { throw UsageError("--arbiter needs --replica 3") }
            durability = "replicate"
            message = DurabilityMessage(type: "replicate", replicate: .init(replica: replica))
        }
        var options = list.list("gluster-volume-options")
        if arbiter, !options.contains(VolumeText.arbiterOption) { options.append(VolumeText.arbiterOption) }
        var snapshot: SnapshotMessage?
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
            gid = value
        }
        let clusters = list.list("clusters")
        return VolumeCreateRequest(
            size: Int64(size), name: name, durability: message, gid: gid,
            glustervolumeoptions: options.isEmpty ? nil : options, snapshot: snapshot,
            clusters: clusters.isEmpty ? nil : clusters)
    }

    func run(_ context: ClientContext) async throws(ClientError) {
        let client = context.client
        switch self.verb {
        case .create(let request):
            let volume = try await context.track("creating volume") { () throws(ClientError) in
                try await client.createVolume(request)
            }
            try await self.showVolume(volume, context)
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
