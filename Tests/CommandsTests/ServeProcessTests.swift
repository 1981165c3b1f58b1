import StoreRecords
import TestSupport
import Curl
import Foundation
import HTTPTypes
import Store
import Testing

/// `brickyard serve` as users run it: a process that can be killed at any moment and restarted on its database.
@Suite(.serialized) struct ServeProcessTests {
    /// A cluster of three nodes with one device each; returns the device ids.
    func makeCluster(_ server: ServerProcess) async throws -> [String] {
        let cluster = try JSONSerialization.jsonObject(
            with: try await server.request("POST", "/clusters", json: "{}").body) as? [String: Any]
        let clusterID = try #require(cluster?["id"] as? String)
        var devices: [String] = []
        for index in 1...3 {
            let node = try #require(
                try await server.completed(
                    "POST", "/nodes",
                    json: #"{"zone":\#(index),"hostnames":{"manage":["node\#(index)"],"storage":["10.0.0.\#(index)"]},"cluster":"\#(clusterID)"}"#))
            let nodeID = String(node.split(separator: "/").last!)
            _ = try await server.completed("POST", "/devices", json: #"{"node":"\#(nodeID)","name":"/dev/sdb"}"#)
            let info = try await server.json("/nodes/\(nodeID)")
            let nodeDevices = try #require(info["devices"] as? [[String: Any]])
            devices.append(try #require(nodeDevices.first?["id"] as? String))
        }
        return devices
    }

    func used(_ server: ServerProcess, _ devices: [String]) async throws -> [Int] {
        var used: [Int] = []
        for device in devices {
            let storage = try #require(try await server.json("/devices/\(device)")["storage"] as? [String: Any])
            used.append(try #require(storage["used"] as? Int))
        }
        return used
    }

    @Test func killedDuringACreateLosesNothingAndLeaksNothing() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("brickyard.db")
        var volumeA = ""
        var usedAfterA: [Int] = []
        var devices: [String] = []
        var queueB = ""
        do {
            let server = try await ServerProcess.start(database: database)
            devices = try await self.makeCluster(server)
            volumeA = try #require(
                try await server.completed("POST", "/volumes", json: #"{"size":10,"durability":{"type":"replicate","replicate":{"replica":3}}}"#))
            usedAfterA = try await self.used(server, devices)
            try await server.kill(signal: SIGTERM)
        }
        do {
            // This server kills itself right after the second action of the next create has taken effect: two bricks
            // exist, the journal says only that they started.
            let server = try await ServerProcess.start(database: database, environment: ["BRICKYARD_CRASH_AFTER_ACTIONS": "2"])
            // The 202 may or may not get out before the process dies; the operation is recorded either way.
            _ = try? await server.request(
                "POST", "/volumes", json: #"{"size":20,"durability":{"type":"replicate","replicate":{"replica":3}}}"#)
            try await server.waitForExit()
            let store = try SQLiteStore(path: database)
            let interrupted = try await store.unfinishedOperations()
            #expect(interrupted.map(\.type) == [.volumeCreate])
            queueB = "/queue/\(try #require(interrupted.first).id)"
        }
        let restarted = try await ServerProcess.start(database: database)
        // Recovery rolls the interrupted create back; its result stays readable.
        await #expect(throws: ServerProcessError.self) { _ = try await restarted.wait(queueB) }
        let failure = try await restarted.request("GET", queueB)
        #expect(failure.status == 500)
        #expect(failure.bodyText.contains("rolled back"))
        let volumes = try #require(try await restarted.json("/volumes")["volumes"] as? [String])
        #expect(volumes == [String(volumeA.split(separator: "/").last!)])
        #expect(try await restarted.request("GET", volumeA).status == 200)
        #expect(try await self.used(restarted, devices) == usedAfterA)
        let pending = try #require(try await restarted.json("/operations/pending")["pendingoperations"] as? [Any])
        #expect(pending.isEmpty)
        // And the server takes new work at once.
        #expect(try await restarted.completed("POST", "/volumes", json: #"{"size":5}"#) != nil)
    }

    @Test func killedDuringADeleteFinishesTheDeleteOnRestart() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("brickyard.db")
        var devices: [String] = []
        var usedBefore: [Int] = []
        var volume = ""
        do {
            let server = try await ServerProcess.start(database: database)
            devices = try await self.makeCluster(server)
            usedBefore = try await self.used(server, devices)
            volume = try #require(
                try await server.completed("POST", "/volumes", json: #"{"size":10,"durability":{"type":"replicate","replicate":{"replica":3}}}"#))
            try await server.kill(signal: SIGTERM)
        }
        do {
            // This server kills itself right after the second action of the delete (the volume stopped and deleted
            // in Gluster, every brick still there).
            let server = try await ServerProcess.start(database: database, environment: ["BRICKYARD_CRASH_AFTER_ACTIONS": "2"])
            _ = try? await server.request("DELETE", volume)
            try await server.waitForExit()
            let interrupted = try await SQLiteStore(path: database).unfinishedOperations()
            #expect(interrupted.map(\.type) == [.volumeDelete])
        }
        let restarted = try await ServerProcess.start(database: database)
        #expect(try await eventually {
            try await restarted.json("/operations/pending")["pendingoperations"].map { ($0 as? [Any])?.isEmpty ?? false } ?? false
        })
        #expect(try await restarted.request("GET", volume).status == 404)
        #expect(try await self.used(restarted, devices) == usedBefore)
    }

    @Test func sigtermStopsCleanly() async throws {
        let directory = try TemporaryDirectory()
        let server = try await ServerProcess.start(database: directory.path("brickyard.db"))
        #expect(try await server.request("GET", "/hello").status == 200)
        try await server.kill(signal: SIGTERM)
        #expect(server.process.terminationStatus == 0)
        #expect(server.log.contains("event=stopped"))
    }

    @Test func refusesAHeketiBoltDatabase() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("heketi.db")
        // A BoltDB file starts with a page header, then the magic 0xED0CDAED (little-endian on disk).
        var bytes = [UInt8](repeating: 0, count: 4096)
        bytes.replaceSubrange(16..<20, with: [0xED, 0xDA, 0x0C, 0xED])
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let process = Process()
        process.executableURL = try ServerProcess.executable()
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--db", path, "--disable-auth"]
        let pipe = Pipe()
        process.standardError = pipe
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        let errors = message.split(separator: "\n").filter { $0.hasPrefix("brickyard serve:") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("is a Heketi BoltDB database") == true)
        #expect(FileManager.default.contents(atPath: path) == Data(bytes))
    }
}
