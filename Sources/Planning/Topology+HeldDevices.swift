public import StorageModel

extension Topology {
    /// The topology with `devices` offline, so placement puts nothing on them: a device another operation is
    /// failing, removing or resyncing must not receive new bricks meanwhile.
    public func withoutDevices(_ devices: Set<DeviceID>) -> Topology {
        guard !devices.isEmpty else { return self }
        var topology = self
        for id in devices.sorted() {
            guard var device = topology.devices[id], device.state == .online else { continue }
            device.state = .offline
            topology.insert(device)
        }
        return topology
    }
}
