internal import Client
internal import HeketiAPI

/// `brickyard device add|info|delete|enable|disable|remove|resync|settags|rmtags`, with heketi-cli's flags.
struct DeviceCommand: ClientAction {
    static let help = ResourceHelp(
        name: "device", summary: "Devices are the block devices (or directories) of a node that hold bricks.",
        verbs: [
            VerbHelp(
                name: "add", usage: "--node ID --name PATH [--destroy-existing-data] [--tags k:v,...]",
                summary: "Adds a device to a node and prepares it for bricks: a block device becomes an LVM volume "
                    + "group (--destroy-existing-data wipes its signatures first), a directory holds one directory "
                    + "per brick.",
                example: "brickyard device add --node 3a1b5c7d9e0f2a4b6c8d0e1f3a5b7c9d --name /dev/sdb",
                options: ["node", "name", "destroy-existing-data", "tags"]),
            VerbHelp(
                name: "info", usage: "ID", summary: "Shows a device's size, use and bricks.",
                example: "brickyard device info 7c9d1e3f5a7b9c0d2e4f6a8b0c1d3e5f"),
            VerbHelp(
                name: "delete", usage: "ID [--force-forget]",
                summary: "Removes an empty device from its node. --force-forget asks the server to forget it "
                    + "whatever its state.",
                example: "brickyard device delete 7c9d1e3f5a7b9c0d2e4f6a8b0c1d3e5f", options: ["force-forget"]),
            VerbHelp(
                name: "enable", usage: "ID", summary: "Lets new bricks be placed on the device again (state online).",
                example: "brickyard device enable 7c9d1e3f5a7b9c0d2e4f6a8b0c1d3e5f"),
            VerbHelp(
                name: "disable", usage: "ID", summary: "Stops placing new bricks on the device (state offline).",
                example: "brickyard device disable 7c9d1e3f5a7b9c0d2e4f6a8b0c1d3e5f"),
            VerbHelp(
                name: "remove", usage: "ID [--expert-option-disable-heal-check]",
                summary: "Moves every brick off the device to other devices (state failed). Disable it first. "
                    + "Skipping the heal check is dangerous; it waits ten seconds for Ctrl-C first.",
                example: "brickyard device remove 7c9d1e3f5a7b9c0d2e4f6a8b0c1d3e5f",
                options: ["expert-option-disable-heal-check"]),
            VerbHelp(
                name: "resync", usage: "ID | --cluster CLUSTER-ID",
                summary: "Re-reads the device's size from the node after it grew; with --cluster, every device of "
                    + "the cluster whose id is given.",
                example: "brickyard device resync 7c9d1e3f5a7b9c0d2e4f6a8b0c1d3e5f", options: ["cluster"]),
            VerbHelp(
                name: "settags", usage: "ID KEY:VALUE... [-e|--exact]",
                summary: "Sets tags on the device; --exact replaces all of its tags with the ones given.",
                example: "brickyard device settags 7c9d1e3f5a7b9c0d2e4f6a8b0c1d3e5f arbiter:required",
                options: ["exact"]),
            VerbHelp(
                name: "rmtags", usage: "ID KEY... | ID --all",
                summary: "Removes tags from the device (also spelled deltags and removetags).",
                example: "brickyard device rmtags 7c9d1e3f5a7b9c0d2e4f6a8b0c1d3e5f arbiter", options: ["all"],
                aliases: ["deltags", "removetags"]),
        ])

    enum Verb: Equatable {
        case add(DeviceAddRequest)
        case info(String)
        case delete(String, forceForget: Bool)
        case state(String, String, skipHealCheck: Bool)
        case resync(String)
        case resyncCluster(String)
        case tags(String, TagsChangeRequest)
    }

    var verb: Verb

    init(verb: String, arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(
            arguments,
            flagNames: ["destroy-existing-data", "exact", "all", "force-forget", "expert-option-disable-heal-check", "cluster"],
            shortNames: ["e": "exact"])
        switch verb {
        case "add":
            let node = try list.required("node")
            let name = try list.required("name")
            let destroy = list.flag("destroy-existing-data")
            let tags = try list.tags("tags")
            try list.finish()
            self.verb = .add(DeviceAddRequest(node: node, name: name, destroydata: destroy ? true : nil, tags: tags))
        case "info":
            self.verb = .info(try list.identifier("device"))
        case "delete":
            let force = list.flag("force-forget")
            self.verb = .delete(try list.identifier("device"), forceForget: force)
        case "resync":
            let cluster = list.flag("cluster")
            let id = try list.identifier(cluster ? "cluster" : "device")
            self.verb = cluster ? .resyncCluster(id) : .resync(id)
        case "enable", "disable", "remove":
            let state = ["enable": "online", "disable": "offline", "remove": "failed"][verb] ?? "online"
            let skip = verb == "remove" && list.flag("expert-option-disable-heal-check")
            self.verb = .state(try list.identifier("device"), state, skipHealCheck: skip)
        default:
            self.verb = .tags(try list.identifier("device", finishing: false), try NodeCommand.tagChange(verb, &list))
        }
    }

    func run(_ context: ClientContext) async throws(ClientError) {
        let client = context.client
        switch self.verb {
        case .add(let request):
            let device = try await context.track("adding device \(request.name)") { () throws(ClientError) in
                try await client.addDevice(request)
            }
            context.show(device) { device in
                ["Device \(device.name) added to node \(request.node)"] + NodeText.device(device)
            }
        case .info(let id):
            context.show(try await client.deviceInfo(id), text: NodeText.device)
        case .delete(let id, let force):
            try await context.track("deleting device \(id)") { () throws(ClientError) in
                try await client.deleteDevice(id, forceForget: force)
            }
            context.confirm("Device \(id) deleted", ActionResult(id: id, result: "deleted"))
        case .state(let id, let state, let skipHealCheck):
            if skipHealCheck { await context.warnBeforeSkippingHealCheck() }
            try await context.track("setting device \(id) \(state)") { () throws(ClientError) in
                try await client.setDeviceState(id, state, skipHealCheck: skipHealCheck)
            }
            context.confirm(
                NodeCommand.stateSentence("Device", id, state), ActionResult(id: id, result: "state", state: state))
        case .resync(let id):
            try await context.track("resyncing device \(id)") { () throws(ClientError) in
                try await client.resyncDevice(id)
            }
            context.show(try await client.deviceInfo(id)) { device in
                ["Device \(id) resynced: \(SizeText.kibibytes(device.storage.total))"]
            }
        case .resyncCluster(let id):
            try await self.resyncCluster(id, context)
        case .tags(let id, let change):
            let tags = try await client.setDeviceTags(id, change)
            context.confirm(
                "Device \(id) tags: \(SizeText.tags(tags))", ActionResult(id: id, result: "tags", tags: tags))
        }
    }

    /// heketi-cli's `device resync --cluster ID`: every device of every node of the cluster, one after another.
    private func resyncCluster(_ id: String, _ context: ClientContext) async throws(ClientError) {
        let client = context.client
        let topology = try await client.topologyInfo()
        guard let cluster = topology.clusters.first(where: { $0.id == id }) else {
            throw .server(status: 404, message: "cluster \(id) not found")
        }
        var devices: [DeviceInfoResponse] = []
        for node in cluster.nodes {
            for device in node.devices {
                try await context.track("resyncing device \(device.id)") { () throws(ClientError) in
                    try await client.resyncDevice(device.id)
                }
                let resynced = try await client.deviceInfo(device.id)
                devices.append(resynced)
                if context.format == .text {
                    context.console.print(
                        "Device \(device.id) (\(device.name) on node \(node.id)) resynced: "
                            + SizeText.kibibytes(resynced.storage.total))
                }
            }
        }
        if context.format == .text {
            context.console.print("Cluster \(id): \(Plural.count(devices.count, "device")) resynced")
        } else {
            context.show(DeviceListResult(devices: devices)) { _ in [] }
        }
    }
}

/// `device resync --cluster --output json|yaml`: the devices as they are afterwards.
struct DeviceListResult: Codable, Hashable, Sendable {
    var devices: [DeviceInfoResponse]
}
