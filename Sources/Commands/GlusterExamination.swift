internal import HeketiAPI
internal import Controller
internal import ReconcilePlanning
internal import StorageModel
internal import CommandExecutor
internal import Executor
internal import RESTAPI

/// `GET /internal/state/examine/gluster`: the nodes observed (one round trip each) and compared with the store by
/// the drift detector, every finding reported, nothing healed.
enum GlusterExamination {
    static func examine(_ topology: Topology, observer: some StateObserver) async -> GlusterExaminationResponse {
        let findings = DriftDetector.findings(observed: await observer.observe(topology), topology: topology)
        return GlusterExaminationResponse(
            clean: findings.isEmpty, nodes: topology.nodes.count, volumes: topology.volumes.count,
            findings: findings.map { .init(kind: $0.kind.rawValue, subject: $0.subject, detail: $0.message) })
    }
}

extension GlusterExamination {
    /// The examiner for a server's executor; nil for the mock, which has no nodes to ask.
    static func examiner(for executor: any NodeExecutor) -> RESTService.GlusterExaminer? {
        guard let executor = executor as? CommandExecutor else { return nil }
        let observer = CommandExecutorObserver(executor: executor)
        return { topology in await Self.examine(topology, observer: observer) }
    }
}
