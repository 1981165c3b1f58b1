import Curl
import Foundation
import HTTPTypes
import KubernetesAPI
import TestSupport

/// Sends what `KubernetesAPI` builds to a `FakeAPIServer` with the Curl client, as the operator will.
struct FakeAPIClient {
    let server: FakeAPIServer
    var token: String?
    let client = HTTPClient(configuration: HTTPClientConfiguration(userAgent: "brickyard-test"))

    func send(_ request: APIRequest, timeout: Duration = .seconds(20)) async throws -> HTTPResponse {
        var headers = HTTPHeaders(request.headers.map { (name: $0.key, value: $0.value) })
        if let token { headers.set(name: "Authorization", value: "Bearer \(token)") }
        return try await self.client.send(
            HTTPRequest(
                method: request.method, url: self.server.url + request.target, headers: headers,
                body: request.body.map { Data($0) }, timeout: timeout))
    }

    /// A watch's events, once its `timeoutSeconds` has ended the body.
    func watch(_ request: APIRequest) async throws -> [WatchEvent] {
        let response = try await self.send(request)
        var decoder = WatchStreamDecoder()
        return try decoder.feed([UInt8](response.body))
    }
}

/// A JSON object built from a literal, for request bodies.
func json(_ object: [String: Any]) -> [UInt8] {
    [UInt8]((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
}

/// A field of a JSON object by a dotted path, such as `metadata.resourceVersion`.
func field(_ data: Data, _ path: String) -> Any? {
    var value: Any? = try? JSONSerialization.jsonObject(with: data)
    for key in path.split(separator: ".") {
        value = (value as? [String: Any])?[String(key)]
    }
    return value
}

func field(_ data: [UInt8], _ path: String) -> Any? {
    field(Data(data), path)
}
