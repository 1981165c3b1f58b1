import Allocation
public import StorageModel
public import StoreRecords

/// Plans volume creation, expansion and deletion. Pure: a function of the topology (pending entries included),
/// the request, the settings and a random source for new IDs.
public struct VolumeOperationPlanner: Sendable {
    public var settings: EngineSettings

    public init(settings: EngineSettings) {
        self.settings = settings
    }

    var allocator: Allocator { Allocator(policy: self.settings.allocationPolicy) }

    /// Places the volume, names its bricks, and reserves both under `operation`.
    public func create(
        _ spec: VolumeSpec, id: VolumeID, operation: OperationID, in topology: Topology,
        using generator: inout some RandomNumberGenerator
    ) throws(OperationError) -> PlannedOperation {
        guard !topology.clusters.isEmpty else { throw .badRequest("No clusters configured") }
        for cluster in spec.clusters where topology.clusters[cluster] == nil {
            throw .badRequest("Cluster id \(cluster) not found")
        }
        let request = try Self.placementRequest(
            size: spec.size, durability: spec.durability, snapshot: spec.snapshot, clusters: spec.clusters,
            options: spec.options)
        let placement: Placement
        do {
            placement = try self.allocator.place(request, in: topology)
        } catch {
            throw .noSpace(error)
        }
        let name = spec.name ?? Volume.defaultName(for: id)
        if let clash = topology.volumes(in: placement.cluster).first(where: { $0.name == name }) {
            throw .conflict("volume name \"\(name)\" is already used by volume \(clash.id) in cluster \(placement.cluster)")
        }
        let bricks = Self.bricks(for: placement, volume: id, in: topology, mountRoot: self.settings.mountRoot, using: &generator)
        let volume = Volume(
            id: id, name: name, cluster: placement.cluster, size: spec.size, durability: spec.durability,
            snapshot: spec.snapshot, gid: spec.gid,
            options: self.settings.preRequestVolumeOptions + spec.options + self.settings.postRequestVolumeOptions,
            brickSets: bricks.map { $0.map(\.id) })
        var changes: [StoreChange] = [.insertVolume(volume, pending: operation)]
        changes += bricks.joined().map { StoreChange.insertBrick($0, pending: operation) }
        return PlannedOperation(
            intent: .createVolume(id), changes: changes, plan: VolumePlanner.create(volume, in: topology),
            location: "/volumes/\(id)", holds: [.exclusive(.volume(id))] + Self.sharedDevices(of: bricks))
    }

    /// Adds sets for `size` more to a complete volume, in its own cluster, with its shape and placement hints.
    public func expand(
        _ id: VolumeID, by size: ByteCount, operation: OperationID, in topology: Topology,
        using generator: inout some RandomNumberGenerator
    ) throws(OperationError) -> PlannedOperation {
        guard let volume = topology.volumes[id] else { throw .notFound(kind: "volume", id: id.description) }
        do throws(ValidationError) {
            try Volume.validate(size: size, field: "expand_size")
        } catch {
            throw .invalid(error)
        }
        let request = try Self.placementRequest(
            size: size, durability: volume.durability, snapshot: volume.snapshot, clusters: [volume.cluster],
            options: volume.options)
        let placement: Placement
        do {
            placement = try self.allocator.place(request, in: topology)
        } catch {
            throw .noSpace(error)
        }
        let bricks = Self.bricks(for: placement, volume: id, in: topology, mountRoot: self.settings.mountRoot, using: &generator)
        let sets = bricks.map { $0.map(\.id) }
        let changes = bricks.joined().map { StoreChange.insertBrick($0, pending: operation) }
        return PlannedOperation(
            intent: .expandVolume(id, size: volume.size + size, sets: sets), changes: changes,
            plan: VolumePlanner.expand(volume, adding: sets, newSize: volume.size + size), location: "/volumes/\(id)",
            holds: [.exclusive(.volume(id))] + Self.sharedDevices(of: bricks))
    }

    /// Hides the volume and its bricks from clients and plans their removal.
    public func delete(_ id: VolumeID, operation: OperationID, in topology: Topology) throws(OperationError)
        -> PlannedOperation
    {
        guard let volume = topology.volumes[id] else { throw .notFound(kind: "volume", id: id.description) }
        var changes: [StoreChange] = [.markPending(.volume(id), operation)]
        changes += volume.brickSets.joined().map { StoreChange.markPending(.brick($0), operation) }
        return PlannedOperation(
            intent: .deleteVolume(id), changes: changes, plan: VolumePlanner.delete(volume), location: nil,
            holds: [.exclusive(.volume(id))])
    }

    /// New bricks build on their devices: a device being failed or removed must not change under them.
    static func sharedDevices(of bricks: [[Brick]]) -> [ObjectHold] {
        Set(bricks.joined().map(\.device)).sorted().map { .shared(.device($0)) }
    }

    /// The allocator's request, with Heketi's placement hints read from the volume options.
    static func placementRequest(
        size: ByteCount, durability: Durability, snapshot: SnapshotSettings, clusters: [ClusterID],
        options: [VolumeOption]
    ) throws(OperationError) -> PlacementRequest {
        func option(_ key: String) -> String? { options.last(where: { $0.key == key })?.value }
        var request = PlacementRequest(
            size: size, durability: durability, snapshotFactor: snapshot.effectiveFactor, clusters: clusters)
        do throws(ValidationError) {
            if let rule = option("user.heketi.device-tag-match") {
                request.tagRules = [try TagRule(parsing: rule, field: "user.heketi.device-tag-match")]
            }
        } catch {
            throw .invalid(error)
        }
        if let text = option("user.heketi.zone-checking") {
            guard let zoneChecking = ZoneChecking(rawValue: text) else {
                throw .invalid(
                    ValidationError(
                        field: "user.heketi.zone-checking", value: text,
                        problem: .notOneOf(ZoneChecking.allCases.map(\.rawValue))))
            }
            request.zoneChecking = zoneChecking
        }
        if let text = option("user.heketi.average-file-size") {
            guard let kib = Int64(text), kib >= 1, kib <= 1 << 30 else {
                throw .invalid(
                    ValidationError(
                        field: "user.heketi.average-file-size", value: text, problem: .belowMinimum("1 (KiB)")))
            }
            request.averageFileSize = .kibibytes(kib)
        }
        return request
    }

    static func bricks(
        for placement: Placement, volume: VolumeID, in topology: Topology, mountRoot: String,
        using generator: inout some RandomNumberGenerator
    ) -> [[Brick]] {
        placement.sets.map { set in
            set.map { planned in
                let id = BrickID.random(using: &generator)
                return Brick(
                    id: id, volume: volume, device: planned.device, node: planned.node, role: planned.role,
                    size: planned.space.size, reserved: planned.space.reserved,
                    path: Self.path(of: id, on: planned.device, in: topology, mountRoot: mountRoot))
            }
        }
    }

    /// The path a new brick records: where its device's backend puts it (a device the topology no longer holds is
    /// taken for LVM, the default backend).
    static func path(of brick: BrickID, on device: DeviceID, in topology: Topology, mountRoot: String) -> String {
        guard let device = topology.devices[device] else {
            return BrickLocation.LVM(device: device, brick: brick, mountRoot: mountRoot).path
        }
        return BrickLocation(brick: brick, on: device, mountRoot: mountRoot).path
    }
}
