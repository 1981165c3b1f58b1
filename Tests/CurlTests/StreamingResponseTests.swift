import Curl
import Foundation
import HTTPServer
import HTTPTypes
import Testing

/// `HTTPClient.stream`: the head first, then the body as it arrives, a reader that stops early aborting the
/// transfer, and a failure before any head thrown from `stream` itself.
@Suite struct StreamingResponseTests {
    private func server(body: [UInt8], status: Int = 200) throws -> (HTTPServerDaemon, String) {
        let server = HTTPServerDaemon { _ in
            HTTPServerResponse(status: status, headers: ["Content-Type": "application/json", "X-Kind": "watch"], body: body)
        }
        try server.start()
        return (server, "http://127.0.0.1:\(server.port ?? 0)")
    }

    @Test func theHeadComesFirstThenTheWholeBody() async throws {
        let body = [UInt8]((0..<200_000).map { UInt8($0 % 251) })
        let (server, base) = try self.server(body: body, status: 410)
        let response = try await HTTPClient().stream(HTTPRequest(url: base + "/watch"))
        #expect(response.status == 410)
        #expect(response.headers["x-kind"] == "watch")
        var received: [UInt8] = []
        var chunks = 0
        for try await chunk in response.body {
            received += chunk
            chunks += 1
        }
        #expect(received == body)
        #expect(chunks > 1)
        await server.stop()
    }

    @Test func aReaderThatStopsEarlyAbortsTheTransfer() async throws {
        let (server, base) = try self.server(body: [UInt8](repeating: 7, count: 8 << 20))
        let response = try await HTTPClient().stream(HTTPRequest(url: base + "/big"), bufferedChunks: 1)
        let first = try await response.body.next()
        #expect(first?.isEmpty == false)
        response.body.cancel()
        await #expect {
            while try await response.body.next() != nil {}
        } throws: { error in
            (error as? CurlError)?.kind == .cancelled
        }
        await server.stop()
        #expect(server.openRequestCount == 0)
    }

    @Test func aFailureBeforeTheHeadIsThrownByStream() async throws {
        await #expect {
            _ = try await HTTPClient().stream(HTTPRequest(url: "http://127.0.0.1:9/watch", timeout: .seconds(5)))
        } throws: { error in
            (error as? CurlError)?.kind == .couldNotConnect
        }
    }
}
