internal import Client
internal import HeketiAPI

/// `brickyard node add|info|list|delete|enable|disable|remove|settags|rmtags`.
struct NodeCommand: ClientAction {
    static let help = ResourceHelp(
        name: "node", summary: "Nodes are the Gluster servers of a cluster, each in a failure zone.",
        verbs: [
            VerbHelp(
                name: "add",
                usage: "--cluster ID --zone N --management-host-name HOST --storage-host-name ADDRESS [--tags k:v,...]",
                summary: "Adds a node to a cluster and probes it into the Gluster pool.",
                example: "brickyard node add --cluster 0f5c7e2a9d3b4c1e8a6f0b2d4c6e8a1f --zone 1 "
                    + "--management-host-name node1 --storage-host-name 10.0.0.1",
                options: ["cluster", "zone", "management-host-name", "storage-host-name", "tags"]),
            VerbHelp(
                name: "info", usage: "ID", summary: "Shows a node with its devices.",
                example: "brickyard node info 3a1b5c7d9e0f2a4b6c8d0e1f3a5b7c9d"),
            VerbHelp(
                name: "list", usage: "", summary: "Lists every node with its cluster, zone, state and free space.",
                example: "brickyard node list"),
            VerbHelp(
                name: "delete", usage: "ID", summary: "Removes a node that holds no devices from its cluster.",
                example: "brickyard node delete 3a1b5c7d9e0f2a4b6c8d0e1f3a5b7c9d"),
            VerbHelp(
                name: "enable", usage: "ID", summary: "Lets new bricks be placed on the node again (state online).",
                example: "brickyard node enable 3a1b5c7d9e0f2a4b6c8d0e1f3a5b7c9d"),
            VerbHelp(
                name: "disable", usage: "ID", summary: "Stops placing new bricks on the node (state offline).",
                example: "brickyard node disable 3a1b5c7d9e0f2a4b6c8d0e1f3a5b7c9d"),
            VerbHelp(
                name: "remove", usage: "ID",
                summary: "Moves every brick off the node's devices to other nodes (state failed). Disable it first.",
                example: "brickyard node remove 3a1b5c7d9e0f2a4b6c8d0e1f3a5b7c9d"),
            VerbHelp(
                name: "settags", usage: "ID KEY:VALUE... [-e|--exact]",
                summary: "Sets tags on the node; --exact replaces all of its tags with the ones given.",
                example: "brickyard node settags 3a1b5c7d9e0f2a4b6c8d0e1f3a5b7c9d rack:r1 arbiter:supported",
                options: ["exact"]),
            VerbHelp(
                name: "rmtags", usage: "ID KEY... | ID --all",
                summary: "Removes tags from the node (also spelled deltags and removetags).",
                example: "brickyard node rmtags 3a1b5c7d9e0f2a4b6c8d0e1f3a5b7c9d rack", options: ["all"],
                aliases: ["deltags", "removetags"]),
        ])

    enum Verb: Equatable {
        case add(NodeAddRequest)
        case info(String)
        case list
        case delete(String)
        case state(String, String)
        case tags(String, TagsChangeRequest)
    }

    var verb: Verb

    init(verb: String, arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(arguments, flagNames: ["exact", "all"], shortNames: ["e": "exact"])
        switch verb {
        case "add":
            guard list.string("zone") != nil else {
                throw UsageError("option --zone is required (a whole number from 1)")
            }
            let zone = try list.integer("zone", default: 0, range: 1...Int(Int32.max))
            let cluster = try list.required("cluster")
            let manage = try list.required("management-host-name")
            let storage = try list.required("storage-host-name")
            let tags = try list.tags("tags")
            try list.finish()
            self.verb = .add(
                NodeAddRequest(
                    zone: zone, hostnames: HostnamesMessage(manage: [manage], storage: [storage]), cluster: cluster,
                    tags: tags))
        case "list":
            try list.finish()
            self.verb = .list
        case "info":
            self.verb = .info(try list.identifier("node"))
        case "delete":
            self.verb = .delete(try list.identifier("node"))
        case "enable", "disable", "remove":
            let state = ["enable": "online", "disable": "offline", "remove": "failed"][verb] ?? "online"
            self.verb = .state(try list.identifier("node"), state)
        default:
            self.verb = .tags(try list.identifier("node", finishing: false), try Self.tagChange(verb, &list))
        }
    }

    /// heketi-cli's `settags ID k:v...` (an update, or a replacement with `--exact`) and `rmtags ID k...` (or every
    /// tag with `--all`).
    static func tagChange(_ verb: String, _ list: inout ArgumentList) throws(UsageError) -> TagsChangeRequest {
        let exact = verb == "settags" && list.flag("exact")
        let all = verb == "rmtags" && list.flag("all")
        try list.finish(maximumPositionals: list.positionals.count)
        let items = Array(list.positionals.dropFirst())
        if verb == "rmtags" {
            if all {
                guard items.isEmpty else { throw UsageError("rmtags --all takes no tag names") }
                return TagsChangeRequest(changeType: "set", tags: [:])
            }
            guard !items.isEmpty else { throw UsageError("rmtags needs at least one tag name, or --all") }
            return TagsChangeRequest(changeType: "delete", tags: Dictionary(items.map { ($0, "") }) { first, _ in first })
        }
        guard !items.isEmpty else { throw UsageError("settags needs at least one tag") }
        return TagsChangeRequest(changeType: exact ? "set" : "update", tags: try ArgumentList.tags(items, option: verb))
    }

    static func stateSentence(_ kind: String, _ id: String, _ state: String) -> String {
        switch state {
        case "online": "\(kind) \(id) is now online"
        case "offline": "\(kind) \(id) is now offline"
        default: "\(kind) \(id) is now removed: its bricks were moved elsewhere"
        }
    }

    func run(_ context: ClientContext) async throws(ClientError) {
        let client = context.client
        switch self.verb {
        case .add(let request):
            let host = request.hostnames.manage.first ?? ""
            let node = try await context.track("adding node \(host)") { () throws(ClientError) in
                try await client.addNode(request)
            }
            context.show(node, text: NodeText.info)
        case .info(let id):
            context.show(try await client.nodeInfo(id), text: NodeText.info)
        case .list:
            let nodes = try await client.topologyNodes()
            context.show(NodeListResult(nodes: nodes)) { NodeText.list($0.nodes) }
        case .delete(let id):
            try await context.track("deleting node \(id)") { () throws(ClientError) in try await client.deleteNode(id) }
            context.confirm("Node \(id) deleted", ActionResult(id: id, result: "deleted"))
        case .state(let id, let state):
            try await context.track("setting node \(id) \(state)") { () throws(ClientError) in
                try await client.setNodeState(id, state)
            }
            context.confirm(Self.stateSentence("Node", id, state), ActionResult(id: id, result: "state", state: state))
        case .tags(let id, let change):
            let tags = try await client.setNodeTags(id, change)
            context.confirm(
                "Node \(id) tags: \(SizeText.tags(tags))", ActionResult(id: id, result: "tags", tags: tags))
        }
    }
}

/// `node list --output json|yaml`: every node with its devices.
struct NodeListResult: Codable, Hashable, Sendable {
    var nodes: [NodeInfoResponse]
}

extension HeketiClient {
    /// Every node of every cluster, read cluster by cluster.
    func topologyNodes() async throws(ClientError) -> [NodeInfoResponse] {
        var nodes: [NodeInfoResponse] = []
        for cluster in try await self.listClusters().clusters {
            for node in try await self.clusterInfo(cluster).nodes { nodes.append(try await self.nodeInfo(node)) }
        }
        return nodes
    }
}
