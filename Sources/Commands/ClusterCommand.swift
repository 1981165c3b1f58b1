internal import Client
internal import HeketiAPI

/// `brickyard cluster create|list|info|delete|setflags`.
struct ClusterCommand: ClientAction {
    static let help = ResourceHelp(
        name: "cluster", summary: "Clusters group the nodes whose devices a volume's bricks may use.",
        verbs: [
            VerbHelp(
                name: "create", usage: "[--file=false] [--block=false]",
                summary: "Creates an empty cluster. Both volume kinds are allowed unless turned off.",
                example: "brickyard cluster create --block=false", options: ["file", "block"]),
            VerbHelp(
                name: "list", usage: "", summary: "Lists the clusters with their node and volume counts.",
                example: "brickyard cluster list"),
            VerbHelp(
                name: "info", usage: "ID", summary: "Shows a cluster's flags, nodes and volumes.",
                example: "brickyard cluster info 0f5c7e2a9d3b4c1e8a6f0b2d4c6e8a1f"),
            VerbHelp(
                name: "delete", usage: "ID", summary: "Deletes a cluster that has no nodes and no volumes.",
                example: "brickyard cluster delete 0f5c7e2a9d3b4c1e8a6f0b2d4c6e8a1f"),
            VerbHelp(
                name: "setflags", usage: "ID [--file=true|false] [--block=true|false]",
                summary: "Allows or refuses file and block volumes on a cluster; a flag not given keeps its value.",
                example: "brickyard cluster setflags 0f5c7e2a9d3b4c1e8a6f0b2d4c6e8a1f --block=false",
                options: ["file", "block"]),
        ])

    enum Verb: Equatable {
        case create(file: Bool?, block: Bool?)
        case list
        case info(String)
        case delete(String)
        case setFlags(String, file: Bool?, block: Bool?)
    }

    var verb: Verb

    init(verb: String, arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(arguments, flagNames: ["file", "block"])
        switch verb {
        case "create":
            self.verb = .create(file: list.optionalFlag("file"), block: list.optionalFlag("block"))
            try list.finish()
        case "list":
            self.verb = .list
            try list.finish()
        case "info":
            self.verb = .info(try list.identifier("cluster"))
        case "delete":
            self.verb = .delete(try list.identifier("cluster"))
        default:
            let id = try list.identifier("cluster", finishing: false)
            let file = list.optionalFlag("file")
            let block = list.optionalFlag("block")
            try list.finish(maximumPositionals: 1)
            guard file != nil || block != nil else { throw UsageError("cluster setflags needs --file or --block") }
            self.verb = .setFlags(id, file: file, block: block)
        }
    }

    func run(_ context: ClientContext) async throws(ClientError) {
        let client = context.client
        switch self.verb {
        case .create(let file, let block):
            let cluster = try await client.createCluster(ClusterCreateRequest(file: file ?? true, block: block ?? true))
            context.show(cluster) { ["Cluster \($0.id) created"] + ClusterText.info($0).dropFirst() }
        case .list:
            let list = try await client.listClusters()
            if context.format == .text {
                var clusters: [ClusterInfoResponse] = []
                for id in list.clusters { clusters.append(try await client.clusterInfo(id)) }
                context.show(list) { _ in ClusterText.list(clusters) }
            } else {
                context.show(list) { _ in [] }
            }
        case .info(let id):
            context.show(try await client.clusterInfo(id), text: ClusterText.info)
        case .delete(let id):
            try await client.deleteCluster(id)
            context.confirm("Cluster \(id) deleted", ActionResult(id: id, result: "deleted"))
        case .setFlags(let id, let file, let block):
            try await client.setClusterFlags(id, ClusterCreateRequest(file: file, block: block))
            context.show(try await client.clusterInfo(id), text: ClusterText.info)
        }
    }
}
