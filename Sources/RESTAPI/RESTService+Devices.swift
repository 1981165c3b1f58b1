import HeketiAPI
import HTTPServer
import Operations
import Planning
import StorageModel

extension RESTService {
    func addDevice(_ request: HTTPServerRequest) async throws(APIError) -> HTTPServerResponse {
        let body = try JSONBody.decode(DeviceAddRequest.self, from: request.body)
        let device: Device
        do throws(ValidationError) {
            let node = try NodeID(parsing: body.node)
            try Device.validate(name: body.name)
            var generator = SystemRandomNumberGenerator()
            device = Device(
                id: .random(using: &generator), node: node, name: body.name,
                tags: try Tags(validating: body.tags ?? [:]), total: .zero)
        } catch {
            throw APIError.invalid(error)
        }
        let destroyData = body.destroydata ?? false
        do throws(APIError) {
            return try await self.accepted { () throws(OperationError) in
                try await self.engine.addDevice(device, destroyData: destroyData)
            }
        } catch where error.status == 404 {
            throw APIError(status: 404, message: "Node id does not exist")
        }
    }

    func deviceInfo(_ id: DeviceID) async throws(APIError) -> HTTPServerResponse {
        guard let info = DeviceInfoResponse(device: id, in: try await self.visibleTopology()) else {
            throw APIError.idNotFound
        }
        return Self.json(info)
    }
}
