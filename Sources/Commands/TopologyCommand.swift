internal import Client
internal import Foundation
internal import Synchronization

/// `brickyard topology load --json FILE` (`-j FILE`) and `brickyard topology info` (heketi-cli's `--template` is
/// refused: it is a Go template).
struct TopologyCommand: ClientAction {
    static let help = ResourceHelp(
        name: "topology", summary: "The whole topology: clusters, nodes, devices and volumes.",
        verbs: [
            VerbHelp(
                name: "load", usage: "--json FILE | -j FILE",
                summary: "Creates the clusters, nodes and devices a heketi-cli topology file describes. Nodes "
                    + "(by management hostname) and devices (by path) that already exist are left as they are, so "
                    + "loading the same file again changes nothing. A few nodes are settled at once, and each item's "
                    + "result is printed in the file's order as soon as it is settled.",
                example: "brickyard topology load --json topology.json", options: ["json"]),
            VerbHelp(
                name: "info", usage: "", summary: "Shows every cluster with its volumes, nodes and devices.",
                example: "brickyard topology info"),
        ])

    enum Verb: Equatable {
        case load(TopologyFile, path: String)
        case info
    }

    var verb: Verb

    init(verb: String, arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(arguments, shortNames: ["j": "json", "T": "template"])
        switch verb {
        case "load":
            guard list.string("json") != nil else { throw UsageError("topology load needs --json FILE") }
            let path = try list.required("json")
            try list.finish()
            guard let data = FileManager.default.contents(atPath: path) else {
                throw UsageError("option --json: cannot read \(path)")
            }
            do throws(TopologyFileError) {
                self.verb = .load(try TopologyFile.parse(data), path: path)
            } catch {
                throw UsageError("option --json: \(path): \(error.message)")
            }
        default:
            if list.string("template") != nil {
                throw UsageError(
                    "option --template takes a Go template, which brickyard cannot run; "
                        + "use --json (or --output yaml) with a JSON tool instead")
            }
            try list.finish()
            self.verb = .info
        }
    }

    func run(_ context: ClientContext) async throws(ClientError) {
        switch self.verb {
        case .info:
            context.show(try await context.client.topologyInfo(), text: TopologyText.info)
        case .load(let file, _):
            let console = context.console
            let streaming = context.format == .text
            let events = try await TopologyLoader(client: context.client).load(file) { event in
                if streaming { console.print(TopologyText.event(event)) }
            }
            let result = TopologyLoadResult(events: events)
            context.show(result) { [TopologyText.summary($0.events)] }
            if result.failed > 0 {
                throw .operationFailed(
                    message: "\(Plural.count(result.failed, "item")) of the topology could not be loaded")
            }
        }
    }
}

/// `topology load --output json|yaml`: every item's result, and the counts.
struct TopologyLoadResult: Codable, Hashable, Sendable {
    var events: [TopologyLoadEvent]
    var created: Int
    var found: Int
    var failed: Int

    init(events: [TopologyLoadEvent]) {
        self.events = events
        self.created = events.filter { $0.outcome == .created }.count
        self.found = events.filter { $0.outcome == .found }.count
        self.failed = events.filter { $0.outcome == .failed }.count
    }
}
