import Operations
import Planning
import StorageModel
import StoreRecords
import Synchronization

/// Makes the cluster for a desired cluster none of whose nodes is stored yet, once. The nodes of such a cluster are
/// separate keys that run in parallel and must all join the same cluster, so the first to ask creates it and the
/// others wait for that creation. Clusters are remembered by a name that stays the same across plans (the desired
/// cluster's manage hostnames); a creation that failed is forgotten, so the next ask tries again.
final class ClusterMaker: Sendable {
    private typealias Making = Task<Result<ClusterID, OperationError>, Never>

    private let made = Mutex<[String: Making]>([:])

    /// The cluster named `seed`, created through `engine` on first use.
    func cluster(_ seed: String, engine: OperationEngine) async -> Result<ClusterID, OperationError> {
        let making = self.made.withLock { made -> Making in
            if let existing = made[seed] { return existing }
            let task = Making {
                var generator = SystemRandomNumberGenerator()
                let cluster = Cluster(id: .random(using: &generator))
                do throws(OperationError) {
                    try await engine.edit { _ throws(OperationError) in ([.insertCluster(cluster)], ()) }
                    return .success(cluster.id)
                } catch {
                    return .failure(error)
                }
            }
            made[seed] = task
            return task
        }
        let result = await making.value
        if case .failure = result { self.forget(seed, ifStill: making) }
        return result
    }

    /// Forgets the cluster named `seed` when it is `cluster` (it was deleted, so a node cannot join it).
    func forget(_ seed: String, cluster: ClusterID) async {
        guard let making = self.made.withLock({ $0[seed] }) else { return }
        if case .success(let id) = await making.value, id == cluster { self.forget(seed, ifStill: making) }
    }

    private func forget(_ seed: String, ifStill making: Making) {
        self.made.withLock { made in
            if made[seed] == making { made.removeValue(forKey: seed) }
        }
    }
}
