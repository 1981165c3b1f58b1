public import StorageModel

extension DeviceInfoResponse {
    /// `GET /devices/{id}` from a snapshot, or nil for an unknown device. Bricks are sorted by id, as Heketi
    /// keeps them; `tags` are the device's own, without its node's.
    public init?(device id: DeviceID, in topology: Topology) {
        guard let device = topology.devices[id] else { return nil }
        self.init(device: device, in: topology)
    }

    /// Also used by node info, which embeds each device in full.
    init(device: Device, in topology: Topology) {
        self.init(
            name: device.name,
            id: device.id.description,
            state: device.state.rawValue,
            storage: StorageMessage(device: device),
            bricks: topology.bricks(on: device.id).map(BrickInfoMessage.init(brick:)),
            tags: device.tags.message, backend: device.backend.rawValue, sizeEnforced: device.sizeEnforced)
    }
}

extension StorageMessage {
    /// Heketi's device capacity in KiB. Each figure is rounded down on its own, so `free` never promises
    /// space the device does not have.
    public init(device: Device) {
        self.init(total: device.total.kibibytes, free: device.free.kibibytes, used: device.used.kibibytes)
    }
}
