import HeketiAPI
import HTTPServer
import HTTPTypes
import Operations
import Planning
import StorageModel
import Store
import StoreRecords

extension RESTService {
    func createVolume(_ request: HTTPServerRequest) async throws(APIError) -> HTTPServerResponse {
        let body = try JSONBody.decode(VolumeCreateRequest.self, from: request.body)
        let spec: VolumeSpec
        do throws(ValidationError) {
            spec = try body.validated()
        } catch {
            if case .unsupported = error.problem, error.field == "block" {
                throw APIError(status: 501, message: "block-hosting volumes are not supported yet by Brickyard")
            }
            // Heketi's words for a cluster that cannot exist, whatever the id looks like.
            if case .notAnIdentifier = error.problem, error.field == ClusterKind.fieldName {
                throw APIError(status: 400, message: "Cluster id \(error.value) not found")
            }
            throw APIError.invalid(error)
        }
        return try await self.accepted { () throws(OperationError) in try await self.engine.createVolume(spec).0 }
    }

    func listVolumes() async throws(APIError) -> HTTPServerResponse {
        let topology = try await self.visibleTopology()
        return Self.json(VolumeListResponse(topology: topology))
    }

    func volumeInfo(_ id: VolumeID) async throws(APIError) -> HTTPServerResponse {
        let snapshot: (topology: Topology, revision: UInt64)
        do throws(StoreError) {
            snapshot = try await self.store.snapshot(includingPending: false)
        } catch {
            throw APIError(status: 500, message: error.description)
        }
        if let body = self.renderedVolumes.body(for: id, at: snapshot.revision) {
            return Self.json(bytes: body)
        }
        guard let info = VolumeInfoResponse(volume: id, in: snapshot.topology) else {
            throw APIError.idNotFound
        }
        let response = Self.json(info)
        self.renderedVolumes.keep(response.body, for: id, at: snapshot.revision)
        return response
    }

    func expandVolume(_ id: VolumeID, _ request: HTTPServerRequest) async throws(APIError) -> HTTPServerResponse {
        let body = try JSONBody.decode(VolumeExpandRequest.self, from: request.body)
        guard body.expandSize >= 1 else {
            throw APIError.invalid(
                ValidationError(field: "expand_size", value: String(body.expandSize), problem: .belowMinimum("1")))
        }
        guard body.expandSize <= VolumeCreateRequest.maximumSizeGiB else {
            throw APIError.invalid(
                ValidationError(
                    field: "expand_size", value: String(body.expandSize),
                    problem: .aboveMaximum(String(VolumeCreateRequest.maximumSizeGiB))))
        }
        try await self.requireMutable(.volume(id))
        let size = ByteCount(bytes: body.expandSize * ByteCount.gibibyte)
        return try await self.accepted { () throws(OperationError) in try await self.engine.expandVolume(id, by: size) }
    }
}
