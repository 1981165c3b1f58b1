import EventLog
import Foundation
import HeketiAPI
import HTTPServer
import StorageModel
import Store
import StoreRecords

/// Heketi's `/internal/...` endpoints and `GET /db/check`: the server's own state, not the cluster's.
extension RESTService {
    /// `GET /internal/logging`: the level as it was last set (Heketi's names).
    var logLevel: LogLevelMessage {
        LogLevelMessage(loglevel: [LogLevelMessage.component: self.log.threshold.name])
    }

    /// `POST /internal/logging`: changes what every component logs from now on; 422 for an unknown level, and
    /// nothing changes then.
    func setLogLevel(_ request: HTTPServerRequest) throws(APIError) -> HTTPServerResponse {
        // Heketi's answers, status for status: unparsable is 400 here (not the usual 422), and anything but
        // exactly the glusterfs component is 422.
        let body: LogLevelMessage?
        do {
            body = try JSONDecoder().decode(LogLevelMessage?.self, from: Data(request.body))
        } catch is DecodingError where (try? JSONSerialization.jsonObject(with: Data(request.body))) != nil {
            body = nil
        } catch {
            throw APIError(status: 400, message: "request unable to be parsed: the body is not JSON")
        }
        let levels = body?.loglevel ?? [:]
        guard levels.keys.sorted() == [LogLevelMessage.component], let name = levels[LogLevelMessage.component] else {
            throw APIError(status: 422, message: #"Only "glusterfs" logger may be modified"#)
        }
        guard LogLevelMessage.levels.contains(name) else {
            throw APIError(status: 422, message: "invalid log level: \(name)")
        }
        let previous = self.log.threshold.name
        self.log.threshold.set(minimum: Self.minimumLevel(forHeketiLevel: name), name: name)
        self.log.warning("log_level_changed", ("from", previous), ("to", name))
        return Self.json(self.logLevel)
    }

    /// Heketi's six levels on Brickyard's four: `critical` writes what `error` does, `none` writes nothing.
    static func minimumLevel(forHeketiLevel name: String) -> Logger.Level? {
        switch name {
        case "none": nil
        case "critical", "error": .error
        case "warning": .warning
        case "debug": .debug
        default: .info
        }
    }

    /// `GET /db/check`: the store checked against itself.
    func databaseCheck() async throws(APIError) -> HTTPServerResponse {
        do throws(StoreError) {
            let problems = try await self.store.check()
            return Self.json(DatabaseCheckResponse(ok: problems.isEmpty, problems: problems.map(\.description)))
        } catch {
            throw APIError(status: 500, message: error.description)
        }
    }

    /// `GET /internal/state/examine/gluster`: what the nodes report, compared with the store.
    func examineGluster() async throws(APIError) -> HTTPServerResponse {
        guard let examiner = self.examiner else {
            throw APIError(
                status: 501,
                message: "the mock executor has no nodes to examine; serve with --executor local, ssh or kubectl")
        }
        let topology = try await self.visibleTopology()
        return Self.json(await examiner(topology))
    }
}
