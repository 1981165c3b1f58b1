public import HeketiAPI
import Foundation

extension HeketiClient {
    /// `POST /volumes`, followed to the end; returns the created volume.
    public func createVolume(_ request: VolumeCreateRequest) async throws(ClientError) -> VolumeInfoResponse {
        try await self.volumeResult(of: "POST", "/volumes", body: Self.body(request))
    }

    public func listVolumes() async throws(ClientError) -> VolumeListResponse {
        try await self.get(VolumeListResponse.self, "/volumes")
    }

    public func volumeInfo(_ id: String) async throws(ClientError) -> VolumeInfoResponse {
        try await self.get(VolumeInfoResponse.self, "/volumes/\(id)")
    }

    /// `POST /volumes/{id}/expand` by `gibibytes`, followed to the end; returns the grown volume.
    public func expandVolume(_ id: String, by gibibytes: Int64) async throws(ClientError) -> VolumeInfoResponse {
        try await self.volumeResult(
            of: "POST", "/volumes/\(id)/expand", body: Self.body(VolumeExpandRequest(expandSize: gibibytes)))
    }

    public func deleteVolume(_ id: String) async throws(ClientError) {
        _ = try await self.perform("DELETE", "/volumes/\(id)")
    }

    private func volumeResult(of method: String, _ path: String, body: Data) async throws(ClientError)
        -> VolumeInfoResponse
    {
        let location = try await self.perform(method, path, body: body)
        guard let location, location.hasPrefix("/volumes/") else {
            throw .unexpectedResponse(request: "\(method) \(path)", detail: "the operation named no volume")
        }
        return try await self.get(VolumeInfoResponse.self, location)
    }
}
