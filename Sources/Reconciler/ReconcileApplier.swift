public import DesiredState
public import EventLog
public import Operations
public import Reconciliation
public import StorageModel
import Store

/// Carries out a reconcile plan through the operation engine, one step at a time and each to its end, so every
/// change is journaled and recoverable exactly as a REST request's is. Stops at the first failure.
public struct ReconcileApplier: Sendable {
    /// How one step ended.
    public struct StepResult: Sendable {
        public var step: ReconcileStep
        public var succeeded: Bool
        /// The operation's result or error, one line.
        public var message: String
        public var duration: Duration
    }

    let engine: OperationEngine
    let log: Logger

    public init(engine: OperationEngine, log: Logger = .discarding) {
        self.engine = engine
        self.log = log
    }

    /// Runs the steps in order; `progress` hears each result as it comes. Returns every result (the last one
    /// failed when the apply stopped early).
    public func apply(_ plan: ReconcilePlan, progress: (StepResult) -> Void) async -> [StepResult] {
        var clusters: [Int: ClusterID] = [:]
        var results: [StepResult] = []
        var generator = SystemRandomNumberGenerator()
        for step in plan.steps {
            let started = ContinuousClock.now
            let outcome = await self.run(step, clusters: &clusters, generator: &generator)
            let result = StepResult(
                step: step, succeeded: outcome.succeeded, message: outcome.message,
                duration: started.duration(to: ContinuousClock.now))
            let pairs: [(String, any CustomStringConvertible & Sendable)] = [
                ("action", step.action), ("target", step.target),
                ("result", result.succeeded ? "succeeded" : "failed"), ("message", result.message),
            ]
            self.log.log(result.succeeded ? .info : .warning, "reconcile_step", pairs)
            progress(result)
            results.append(result)
            if !result.succeeded { break }
        }
        return results
    }

    private func run(
        _ step: ReconcileStep, clusters: inout [Int: ClusterID], generator: inout SystemRandomNumberGenerator
    ) async -> (succeeded: Bool, message: String) {
        do throws(OperationError) {
            switch step {
            case .createCluster(let index):
                let cluster = Cluster(id: .random(using: &generator))
                try await self.engine.edit { _ throws(OperationError) in ([.insertCluster(cluster)], ()) }
                clusters[index] = cluster.id
                return (true, "cluster \(cluster.id)")
            case .addNode(let desired, let reference):
                let cluster: ClusterID
                switch reference {
                case .existing(let id): cluster = id
                case .new(let index):
                    guard let made = clusters[index] else { return (false, "the cluster for this node was not made") }
                    cluster = made
                }
                let node = Node(
                    id: .random(using: &generator), cluster: cluster, zone: desired.zone,
                    manageHostname: desired.manageHostname, storageHostname: desired.storageHostname, tags: desired.tags)
                return await self.finish(try await self.engine.addNode(node))
            case .addDevice(let desired, let host):
                let topology = try await self.topology()
                guard let node = topology.nodes.values.first(where: { $0.manageHostname == host }) else {
                    return (false, "node \(host) is not in the store")
                }
                let device = Device(
                    id: .random(using: &generator), node: node.id, name: desired.name, tags: desired.tags, total: .zero)
                return await self.finish(try await self.engine.addDevice(device, destroyData: desired.destroyData))
            case .createVolume(let claim):
                let spec = ReconcilePlanner.volumeSpec(for: claim, cluster: nil)
                return await self.finish(try await self.engine.createVolume(spec).0)
            case .expandVolume(let id, _, let from, let to):
                return await self.finish(try await self.engine.expandVolume(id, by: to - from))
            case .deleteVolume(let id, _, _):
                return await self.finish(try await self.engine.deleteVolume(id))
            }
        } catch {
            return (false, error.description)
        }
    }

    private func topology() async throws(OperationError) -> Topology {
        do throws(StoreError) {
            return try await self.engine.store.topology(includingPending: false)
        } catch {
            throw .store(error)
        }
    }

    /// Waits for the operation and reads how it ended.
    private func finish(_ operation: OperationID) async -> (succeeded: Bool, message: String) {
        await self.engine.wait(for: operation)
        do throws(StoreError) {
            guard let record = try await self.engine.store.operation(operation) else {
                return (false, "operation \(operation) is not recorded")
            }
            let succeeded = record.status == .succeeded
            return (succeeded, record.result ?? record.status.rawValue)
        } catch {
            return (false, error.description)
        }
    }
}
