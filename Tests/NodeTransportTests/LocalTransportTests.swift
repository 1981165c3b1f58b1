import NodeTransport
import Testing

@Suite struct LocalTransportTests {
    /// Each simulated node finds its own `gluster` first on PATH, so its commands reach its own glusterd.
    @Test func eachNodeRunsWithItsOwnPathPrefix() async throws {
        let tools = try FakeTools()
        try tools.script("gluster", "echo node one \"$@\"", in: "n1")
        try tools.script("gluster", "echo node two \"$@\"", in: "n2")
        let transport = LocalTransport(
            nodes: ["127.1.1.1": ["PATH": tools.directory + "/n1"], "127.1.1.2": ["PATH": tools.directory + "/n2"]],
            baseEnvironment: ["PATH": "/usr/bin:/bin"])
        let one = try await transport.run(["gluster", "peer", "status"], on: "127.1.1.1", timeout: .seconds(5))
        let two = try await transport.run(["gluster", "peer", "status"], on: "127.1.1.2", timeout: .seconds(5))
        #expect(one.stdout == "node one peer status\n")
        #expect(two.stdout == "node two peer status\n")
        #expect(transport.environment(for: "127.1.1.1")["PATH"] == tools.directory + "/n1:/usr/bin:/bin")
        #expect(transport.environment(for: "elsewhere")["PATH"] == "/usr/bin:/bin")
    }
}
