public import HeketiAPI

extension HeketiClient {
    /// `POST /devices`, followed to the end. Heketi's answer names no device, so the node is read afterwards to
    /// return the device it now holds under that name.
    public func addDevice(_ request: DeviceAddRequest) async throws(ClientError) -> DeviceInfoResponse {
        try await self.createDevice(request)
        return try Self.device(named: request.name, in: try await self.nodeInfo(request.node))
    }

    /// `POST /devices`, followed to the end, without reading the node back: for a caller adding several devices to
    /// one node, which reads it once afterwards.
    public func createDevice(_ request: DeviceAddRequest) async throws(ClientError) {
        _ = try await self.perform("POST", "/devices", body: Self.body(request))
    }

    /// The device a node lists under `name`, as it must after the device was added.
    public static func device(named name: String, in node: NodeInfoResponse) throws(ClientError) -> DeviceInfoResponse {
        guard let device = node.devices.first(where: { $0.name == name }) else {
            throw .unexpectedResponse(
                request: "POST /devices", detail: "node \(node.id) has no device \(name) afterwards")
        }
        return device
    }

    public func deviceInfo(_ id: String) async throws(ClientError) -> DeviceInfoResponse {
        try await self.get(DeviceInfoResponse.self, "/devices/\(id)")
    }

    /// `DELETE /devices/{id}` with heketi-cli's options body; `forceForget` drops it whatever its state.
    public func deleteDevice(_ id: String, forceForget: Bool = false) async throws(ClientError) {
        _ = try await self.perform("DELETE", "/devices/\(id)", body: Self.body(DeviceDeleteOptions(forceforget: forceForget)))
    }

    /// `POST /devices/{id}/state` with `online`, `offline` or `failed` (remove: its bricks move elsewhere, after a
    /// heal check unless `skipHealCheck`).
    public func setDeviceState(_ id: String, _ state: String, skipHealCheck: Bool = false) async throws(ClientError) {
        _ = try await self.perform(
            "POST", "/devices/\(id)/state", body: Self.body(StateChangeRequest(state: state, skipHealCheck: skipHealCheck)))
    }

    /// `GET /devices/{id}/resync`: re-reads the device's size from the node.
    public func resyncDevice(_ id: String) async throws(ClientError) {
        _ = try await self.perform("GET", "/devices/\(id)/resync")
    }

    public func setDeviceTags(_ id: String, _ change: TagsChangeRequest) async throws(ClientError) -> [String: String] {
        try await self.changeTags("/devices/\(id)/tags", change)
    }
}
