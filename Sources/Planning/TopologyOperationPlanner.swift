import Allocation
public import StorageModel
public import StoreRecords

/// Plans the operations that change the topology itself: nodes and devices joining and leaving, device resync,
/// and state changes (a failed node or device has its bricks moved). Pure, like the volume planner.
public struct TopologyOperationPlanner: Sendable {
    public var settings: EngineSettings

    public init(settings: EngineSettings) {
        self.settings = settings
    }

    /// A validated node joins its cluster's trusted pool; manage and storage hostnames are unique.
    public func addNode(_ node: Node, operation: OperationID, in topology: Topology) throws(OperationError)
        -> PlannedOperation
    {
        guard topology.clusters[node.cluster] != nil else {
            throw .notFound(kind: "cluster", id: node.cluster.description)
        }
        for other in topology.nodes.values.sorted(by: { $0.id < $1.id }) {
            for host in [node.manageHostname, node.storageHostname]
            where host == other.manageHostname || host == other.storageHostname {
                throw .conflict("hostname \"\(host)\" is already used by node \(other.id)")
            }
        }
        return PlannedOperation(
            intent: .addNode(node.id), changes: [.insertNode(node, pending: operation)],
            plan: Plan(actions: [.probePeer(node: node.id)]), location: "/nodes/\(node.id)",
            holds: [.exclusive(.node(node.id))])
    }

    public func removeNode(_ id: NodeID, operation: OperationID, in topology: Topology) throws(OperationError)
        -> PlannedOperation
    {
        guard topology.nodes[id] != nil else { throw .notFound(kind: "node", id: id.description) }
        guard topology.devices(on: id).isEmpty else {
            throw .conflict("Unable to delete node [\(id)] because it contains devices")
        }
        return PlannedOperation(
            intent: .removeNode(id), changes: [.markPending(.node(id), operation)],
            plan: Plan(actions: [.detachPeer(node: id)]), location: nil, holds: [.exclusive(.node(id))])
    }

    /// A device is recorded with no capacity; setting it up reads its real size back.
    public func addDevice(
        _ device: Device, destroyData: Bool, operation: OperationID, in topology: Topology
    ) throws(OperationError) -> PlannedOperation {
        guard topology.nodes[device.node] != nil else { throw .notFound(kind: "node", id: device.node.description) }
        if let clash = topology.devices(on: device.node).first(where: { $0.name == device.name }) {
            throw .conflict("device \"\(device.name)\" is already added to node \(device.node) as \(clash.id)")
        }
        var recorded = device
        recorded.total = .zero
        recorded.used = .zero
        return PlannedOperation(
            intent: .addDevice(device.id), changes: [.insertDevice(recorded, pending: operation)],
            plan: Plan(actions: [.setUpDevice(device: device.id, destroyData: destroyData)]), location: nil,
            holds: [.exclusive(.device(device.id)), .shared(.node(device.node))])
    }

    public func removeDevice(_ id: DeviceID, operation: OperationID, in topology: Topology) throws(OperationError)
        -> PlannedOperation
    {
        guard let device = topology.devices[id] else { throw .notFound(kind: "device", id: id.description) }
        // Only a removed device is deleted: removing it moved its bricks off first.
        guard device.state == .failed else { throw .badRequest("device: \(id) is not in failed state") }
        guard topology.bricks(on: id).isEmpty else {
            throw .conflict("Unable to delete device [\(id)] because it contains bricks")
        }
        return PlannedOperation(
            intent: .removeDevice(id), changes: [.markPending(.device(id), operation)],
            plan: Plan(actions: [.tearDownDevice(device: id)]), location: nil,
            holds: [.exclusive(.device(id))] + (topology.devices[id].map { [.shared(.node($0.node))] } ?? []))
    }

    public func resyncDevice(_ id: DeviceID, in topology: Topology) throws(OperationError) -> PlannedOperation {
        guard topology.devices[id] != nil else { throw .notFound(kind: "device", id: id.description) }
        return PlannedOperation(
            intent: .resyncDevice(id), changes: [], plan: Plan(actions: [.resyncDevice(device: id)]), location: nil,
            holds: [.exclusive(.device(id))])
    }

    /// `online` and `offline` only change what placement may use. `failed` also moves every brick off the node or
    /// device: each gets a replacement chosen by the allocator under the same rules as its set, is created, swapped
    /// in with `replace-brick`, and the old brick is destroyed. The new state is written when the work is done.
    public func setState(
        _ target: StateTarget, to state: OperationalState, operation: OperationID, in topology: Topology,
        using generator: inout some RandomNumberGenerator
    ) throws(OperationError) -> PlannedOperation {
        var working = topology
        let devices: [Device]
        let current: OperationalState
        switch target {
        case .node(let id):
            guard var node = topology.nodes[id] else { throw .notFound(kind: "node", id: id.description) }
            current = node.state
            node.state = state
            working.insert(node)
            devices = topology.devices(on: id)
        case .device(let id):
            guard var device = topology.devices[id] else { throw .notFound(kind: "device", id: id.description) }
            current = device.state
            device.state = state
            working.insert(device)
            devices = [device]
        }
        if let refusal = StateTransition.refusal(target, from: current, to: state) {
            throw .transitionRefused(refusal)
        }
        let targetHold: ObjectHold =
            switch target {
            case .node(let id): .exclusive(.node(id))
            case .device(let id): .exclusive(.device(id))
            }
        guard state == .failed else {
            return PlannedOperation(
                intent: .setState(target, state, replacements: []), changes: [], plan: Plan(actions: []),
                location: nil, holds: [targetHold])
        }
        for device in devices {
            var failed = device
            failed.state = .failed
            failed.used = working.devices[device.id]?.used ?? device.used
            working.insert(failed)
        }
        let allocator = Allocator(policy: self.settings.allocationPolicy)
        var replacements: [BrickReplacement] = []
        var changes: [StoreChange] = []
        var actions: [Action] = []
        for device in devices {
            for old in topology.bricks(on: device.id) {
                guard let volume = topology.volumes[old.volume] else { continue }
                let request = try VolumeOperationPlanner.placementRequest(
                    size: old.size, durability: volume.durability, snapshot: volume.snapshot,
                    clusters: [volume.cluster], options: volume.options)
                let planned: PlannedBrick
                do {
                    planned = try allocator.replace(
                        old.id, in: working, tagRules: request.tagRules, zoneChecking: request.zoneChecking)
                } catch {
                    // Heketi's words, with the allocator's reason: which device could not be emptied, and why.
                    switch target {
                    case .device(let id):
                        throw .transitionRefused(
                            "Unable to delete device [\(id)] as no device was found to replace it: \(error)")
                    case .node(let id):
                        throw .transitionRefused(
                            "Unable to remove node [\(id)] as no device was found to replace device [\(device.id)]: \(error)")
                    }
                }
                let id = BrickID.random(using: &generator)
                let brick = Brick(
                    id: id, volume: old.volume, device: planned.device, node: planned.node, role: old.role,
                    size: old.size, reserved: planned.space.reserved,
                    path: VolumeOperationPlanner.path(
                        of: id, on: planned.device, in: working, mountRoot: self.settings.mountRoot))
                // Later replacements see this one, so two moved bricks never over-commit one device.
                working.insert(brick)
                replacements.append(BrickReplacement(old: old.id, new: id))
                changes.append(.insertBrick(brick, pending: operation))
                actions += [
                    .createBrick(brick: id), .replaceBrick(volume: volume.id, old: old.id, new: id),
                    .destroyBrick(brick: old.id),
                ]
            }
        }
        // Every volume that loses a brick is rewritten, and so is every device given up; the devices the new bricks
        // go to are only built on.
        let movedVolumes = Set(replacements.compactMap { topology.bricks[$0.old]?.volume })
        let newDevices = Set(changes.compactMap { change -> DeviceID? in
            if case .insertBrick(let brick, _) = change { return brick.device }
            return nil
        })
        var holds = [targetHold]
        if case .node = target { holds += devices.map { .exclusive(.device($0.id)) } }
        holds += movedVolumes.sorted().map { .exclusive(.volume($0)) }
        holds += newDevices.sorted().map { .shared(.device($0)) }
        return PlannedOperation(
            intent: .setState(target, state, replacements: replacements), changes: changes,
            plan: Plan(actions: actions), location: nil, holds: holds)
    }
}
