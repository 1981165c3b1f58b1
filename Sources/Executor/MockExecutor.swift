public import Planning
import Foundation
public import StorageModel
import Synchronization

/// An executor that changes nothing outside the process: it records every action, keeps a model of what would
/// exist on the nodes (peers, devices, bricks, volumes) and reports every device as `deviceSize`.
///
/// Development servers run on it, and tests use it to see exactly what the engine asked for, to inject failures,
/// and to check that nothing leaked.
public final class MockExecutor: NodeExecutor {
    /// What the mock's imaginary nodes hold.
    public struct State: Sendable, Equatable, Codable {
        /// Every action run, in order; empty when the mock was made with `recordsCalls: false`.
        public var calls: [Action] = []
        public var peers: Set<NodeID> = []
        public var devices: Set<DeviceID> = []
        public var bricks: Set<BrickID> = []
        public var volumes: Set<VolumeID> = []
        public var startedVolumes: Set<VolumeID> = []
        /// Which bricks each volume is made of, as `gluster volume info` would list them.
        public var volumeBricks: [VolumeID: Set<BrickID>] = [:]
        /// The options set on each volume and not reset since, as `gluster volume info` would list them.
        public var volumeOptions: [VolumeID: [String: String]] = [:]
        /// The group owning each brick directory, for bricks that have one other than root's (gid 0 is not listed).
        public var brickGroups: [BrickID: Int64] = [:]

        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.calls = try container.decodeIfPresent([Action].self, forKey: .calls) ?? []
            self.peers = try container.decodeIfPresent(Set<NodeID>.self, forKey: .peers) ?? []
            self.devices = try container.decodeIfPresent(Set<DeviceID>.self, forKey: .devices) ?? []
            self.bricks = try container.decodeIfPresent(Set<BrickID>.self, forKey: .bricks) ?? []
            self.volumes = try container.decodeIfPresent(Set<VolumeID>.self, forKey: .volumes) ?? []
            self.startedVolumes = try container.decodeIfPresent(Set<VolumeID>.self, forKey: .startedVolumes) ?? []
            self.volumeBricks = try container.decodeIfPresent([VolumeID: Set<BrickID>].self, forKey: .volumeBricks) ?? [:]
            self.volumeOptions =
                try container.decodeIfPresent([VolumeID: [String: String]].self, forKey: .volumeOptions) ?? [:]
            self.brickGroups = try container.decodeIfPresent([BrickID: Int64].self, forKey: .brickGroups) ?? [:]
        }
    }

    /// The size every device reports (Heketi's mock reports 500 GiB).
    public let deviceSize: ByteCount
    /// How long each action takes, to make operations observable while they run.
    public let delay: Duration
    /// Whether `calls` keeps every action: tests read it; a long-running development server must not grow forever.
    public let recordsCalls: Bool
    /// A JSON file the imaginary nodes are kept in, so they outlive the process (crash tests compare them with
    /// the store after a restart); nil keeps them in memory only.
    public let stateFile: String?

    private let state = Mutex(State())
    private let failures = Mutex<[@Sendable (Action) -> String?]>([])

    public static let defaultDeviceSize = ByteCount.gibibytes(500)

    /// How `delay` is waited; tests pass one that does not really wait.
    private let sleep: @Sendable (Duration) async throws -> Void

    public init(
        deviceSize: ByteCount = MockExecutor.defaultDeviceSize, delay: Duration = .zero, recordsCalls: Bool = true,
        stateFile: String? = nil, sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.sleep = sleep
        self.deviceSize = deviceSize
        self.delay = delay
        self.recordsCalls = recordsCalls
        self.stateFile = stateFile
        if let stateFile, let data = FileManager.default.contents(atPath: stateFile),
            let saved = try? JSONDecoder().decode(State.self, from: data)
        {
            self.state.withLock { $0 = saved }
        }
    }

    /// Reads the imaginary nodes a mock with `stateFile` left behind.
    public static func savedState(at path: String) -> State? {
        FileManager.default.contents(atPath: path).flatMap { try? JSONDecoder().decode(State.self, from: $0) }
    }

    /// A snapshot of the calls and the imaginary nodes.
    public var snapshot: State { self.state.withLock { $0 } }

    /// Makes every later action for which `rule` returns a message fail with it.
    public func failWhen(_ rule: @escaping @Sendable (Action) -> String?) {
        self.failures.withLock { $0.append(rule) }
    }

    public func clearFailures() {
        self.failures.withLock { $0.removeAll() }
    }

    public func run(_ action: Action, in topology: Topology) async throws(ExecutorError) -> ActionOutcome {
        if self.delay > .zero {
            try? await self.sleep(self.delay)
        }
        if let message = self.failures.withLock({ rules in rules.lazy.compactMap { $0(action) }.first }) {
            if self.recordsCalls { self.state.withLock { $0.calls.append(action) } }
            throw ExecutorError(action: action.name, message: message)
        }
        let outcome = self.state.withLock { state in
            if self.recordsCalls { state.calls.append(action) }
            let outcome = Self.apply(action, to: &state, deviceSize: self.deviceSize, in: topology)
            if let stateFile = self.stateFile, let data = try? JSONEncoder().encode(state) {
                try? data.write(to: URL(fileURLWithPath: stateFile), options: .atomic)
            }
            return outcome
        }
        return outcome
    }

    /// What `action` changes on the imaginary nodes; `topology` gives what a real node would be told (a new
    /// brick's group is its volume's gid, a volume's bricks are the ones the store lists).
    private static func apply(_ action: Action, to state: inout State, deviceSize: ByteCount, in topology: Topology)
        -> ActionOutcome
    {
        switch action {
        case .probePeer(let node): state.peers.insert(node)
        case .detachPeer(let node): state.peers.remove(node)
        case .setUpDevice(let device, _):
            state.devices.insert(device)
            return .device(DeviceReport(size: deviceSize, backend: .lvm))
        case .resyncDevice: return .device(DeviceReport(size: deviceSize, backend: .lvm))
        case .tearDownDevice(let device): state.devices.remove(device)
        case .createBrick(let brick):
            state.bricks.insert(brick)
            if let volume = topology.bricks[brick].flatMap({ topology.volumes[$0.volume] }), let gid = volume.gid,
                gid != 0
            {
                state.brickGroups[brick] = gid
            }
        case .destroyBrick(let brick):
            state.bricks.remove(brick)
            state.brickGroups[brick] = nil
        case .createVolume(let volume, let bricks):
            state.volumes.insert(volume)
            state.volumeBricks[volume] = Set(bricks)
        case .startVolume(let volume): state.startedVolumes.insert(volume)
        case .stopVolume(let volume): state.startedVolumes.remove(volume)
        case .deleteVolume(let volume):
            state.volumes.remove(volume)
            state.startedVolumes.remove(volume)
            state.volumeBricks[volume] = nil
            state.volumeOptions[volume] = nil
        case .addBricks(let volume, let bricks): state.volumeBricks[volume, default: []].formUnion(bricks)
        case .replaceBrick(let volume, let old, let new):
            state.volumeBricks[volume]?.remove(old)
            state.volumeBricks[volume, default: []].insert(new)
        case .setOptions(let volume, let options):
            for option in options { state.volumeOptions[volume, default: [:]][option.key] = option.value }
        case .resetOptions(let volume, let keys):
            for key in keys { state.volumeOptions[volume]?[key] = nil }
        case .setBrickGroup(let volume, let gid):
            for brick in (topology.volumes[volume]?.brickSets ?? []).joined() where state.bricks.contains(brick) {
                state.brickGroups[brick] = gid == 0 ? nil : gid
            }
        case .rebalance: break
        }
        return .completed
    }
}
