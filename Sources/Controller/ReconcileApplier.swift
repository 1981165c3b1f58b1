import DesiredState
public import EventLog
public import Operations
import Planning
public import ReconcilePlanning
import StorageModel
import Store
import StoreRecords

/// Carries out a reconcile plan through the operation engine, so every change is journaled and recoverable exactly
/// as a REST request's is.
///
/// The steps are grouped by the object they concern (`KeyedPlan`): one object's steps run in order, each to its
/// end, and stop at that object's first failure; different objects run in parallel on a `KeyedWorkQueue` and fail
/// independently, so a volume whose creation keeps failing does not hold the other claims back. Nodes and devices
/// are all attempted before any volume, since volumes need them.
public struct ReconcileApplier: Sendable {
    /// How one step ended.
    public struct StepResult: Sendable {
        public var step: ReconcileStep
        public var succeeded: Bool
        /// The operation's result or error, one line.
        public var message: String
        public var duration: Duration
        /// Not attempted because an earlier step for the same object failed; `succeeded` is false.
        public var skipped: Bool = false
    }

    let engine: OperationEngine
    let log: Logger
    /// How many objects are worked on at once; the engine's `maxInflightOperations` should leave room for them.
    let workers: Int
    let clusters: ClusterMaker

    public init(engine: OperationEngine, log: Logger = .discarding, workers: Int = 4) {
        self.engine = engine
        self.log = log
        self.workers = max(1, workers)
        self.clusters = ClusterMaker()
    }

    /// Runs every object's steps; `progress` hears each result as it comes, in the order steps end. Nothing is
    /// retried here (the reconcile loop retries, `brickyard apply` is run again).
    ///
    /// Returns one result per step of the plan: those that succeeded, then those skipped, then those that failed,
    /// each group in plan order. So `results.allSatisfy(\.succeeded) && results.count == plan.steps.count` means
    /// everything was done, and otherwise `results.last` is a step that really failed and says why. A step is
    /// skipped (reported failed, with "skipped: an earlier step for <object> failed") when an earlier step for the
    /// same object failed; steps for other objects still run.
    public func apply(_ plan: ReconcilePlan, progress: (StepResult) -> Void) async -> [StepResult] {
        let keyed = KeyedPlan(plan)
        let (stream, sink) = AsyncStream.makeStream(of: (index: Int, result: StepResult).self)
        let queue = KeyedWorkQueue<ReconcileKey>(workers: self.workers, backoff: RetryBackoff()) { key in
            guard let work = keyed.work(for: key) else { return .done }
            let succeeded = await self.run(work) { index, result in sink.yield((index, result)) }
            return succeeded ? .done : .failed
        }
        var results: [(index: Int, result: StepResult)] = []
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            group.addTask {
                for stage in keyed.stages {
                    _ = await queue.addAndWait(stage.map(\.key))
                }
                queue.shutDown()
                sink.finish()
            }
            for await entry in stream {
                progress(entry.result)
                results.append(entry)
            }
        }
        func group(_ result: StepResult) -> Int { result.succeeded ? 0 : result.skipped ? 1 : 2 }
        return results.sorted { (group($0.result), $0.index) < (group($1.result), $1.index) }.map(\.result)
    }

    /// Runs one object's steps in order until one fails; the rest are reported skipped, as are those not started
    /// because the task was cancelled (shutting down starts no new operation). True when all succeeded.
    func run(_ work: KeyedPlan.Work, report: (Int, StepResult) -> Void) async -> Bool {
        var failed = false
        for (index, step) in work.steps {
            let cancelled = Task.isCancelled
            guard !failed, !cancelled else {
                self.log.info(
                    "reconcile_step", ("action", step.action), ("target", step.target), ("result", "skipped"))
                report(
                    index,
                    StepResult(
                        step: step, succeeded: false,
                        message: cancelled ? "skipped: shutting down" : "skipped: an earlier step for \(work.key) failed",
                        duration: .zero, skipped: true))
                failed = true
                continue
            }
            let started = ContinuousClock.now
            let outcome = await self.run(step, seeds: work.seeds)
            let result = StepResult(
                step: step, succeeded: outcome.succeeded, message: outcome.message,
                duration: started.duration(to: ContinuousClock.now))
            let pairs: [(String, any CustomStringConvertible & Sendable)] = [
                ("action", step.action), ("target", step.target),
                ("result", result.succeeded ? "succeeded" : "failed"), ("message", result.message),
            ]
            self.log.log(result.succeeded ? .info : .warning, "reconcile_step", pairs)
            report(index, result)
            failed = !result.succeeded
        }
        return !failed
    }

    private func run(_ step: ReconcileStep, seeds: [Int: String]) async -> (succeeded: Bool, message: String) {
        var generator = SystemRandomNumberGenerator()
        do throws(OperationError) {
            switch step {
            case .createCluster(let index):
                let cluster = try await self.clusters.cluster(Self.seed(index, in: seeds), engine: self.engine).get()
                return (true, "cluster \(cluster)")
            case .addNode(let desired, let reference):
                let cluster: ClusterID
                switch reference {
                case .existing(let id): cluster = id
                case .new(let index):
                    switch await self.clusters.cluster(Self.seed(index, in: seeds), engine: self.engine) {
                    case .success(let made): cluster = made
                    case .failure(let error): return (false, "the cluster for this node was not made: \(error)")
                    }
                }
                let node = Node(
                    id: .random(using: &generator), cluster: cluster, zone: desired.zone,
                    manageHostname: desired.manageHostname, storageHostname: desired.storageHostname,
                    tags: desired.tags)
                do throws(OperationError) {
                    return await self.finish(try await self.engine.addNode(node))
                } catch {
                    // A remembered new cluster that was deleted since is made again on the next attempt.
                    if case .new(let index) = reference, case .notFound(kind: "cluster", _) = error {
                        await self.clusters.forget(Self.seed(index, in: seeds), cluster: cluster)
                    }
                    throw error
                }
            case .addDevice(let desired, let host):
                let topology = try await self.topology()
                guard let node = topology.nodes.values.first(where: { $0.manageHostname == host }) else {
                    return (false, "node \(host) is not in the store")
                }
                let device = Device(
                    id: .random(using: &generator), node: node.id, name: desired.name, tags: desired.tags, total: .zero)
                return await self.finish(try await self.engine.addDevice(device, destroyData: desired.destroyData))
            case .createVolume(let claim, let reference):
                let spec = ReconcilePlanner.volumeSpec(for: claim, reference: reference, cluster: nil)
                return await self.finish(try await self.engine.createVolume(spec).0)
            case .expandVolume(let id, _, _, let from, let to):
                return await self.finish(try await self.engine.expandVolume(id, by: to - from))
            case .updateVolume(let id, _, _, let changes):
                return await self.finish(try await self.engine.updateVolume(id, Self.update(changes)))
            case .deleteVolume(let id, _, _, _):
                return await self.finish(try await self.engine.deleteVolume(id))
            }
        } catch {
            return (false, error.description)
        }
    }

    /// The engine's update for a claim's changes; Brickyard's records go through as owned options.
    static func update(_ changes: ClaimedVolumeChanges) -> VolumeUpdate {
        var update = VolumeUpdate(setting: changes.set, resetting: changes.reset, gid: changes.gid)
        for record in changes.records { update = update.settingOwnedOption(record) }
        return update
    }

    /// The `ClusterMaker` name of new cluster `index`; a cluster with no nodes is named by its place.
    private static func seed(_ index: Int, in seeds: [Int: String]) -> String {
        seeds[index] ?? "#\(index + 1)"
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
