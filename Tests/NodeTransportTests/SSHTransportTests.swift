import NodeTransport
import Testing

@Suite struct SSHTransportTests {
    @Test func argumentsFollowHeketisSSHExecutor() {
        let transport = SSHTransport(
            settings: .init(user: "storage", port: 2222, keyFile: "/etc/brickyard/id_ed25519", sudo: true))
        #expect(
            transport.sshArguments(["mkdir", "-p", "/var/lib/heketi/mounts/vg 1"], on: "node1.example.com") == [
                "ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "StrictHostKeyChecking=accept-new",
                "-o", "ControlMaster=no", "-o", "ControlPath=none", "-p", "2222", "-l", "storage", "-i", "/etc/brickyard/id_ed25519", "node1.example.com", "--",
                "sudo -n -- mkdir -p '/var/lib/heketi/mounts/vg 1'",
            ])
    }

    /// A stand-in ssh hands its last argument to `sh -c`, as sshd does with the remote command.
    @Test func theRemoteShellSeesTheOriginalWords() async throws {
        let tools = try FakeTools()
        let ssh = try tools.script("ssh", #"for last; do :; done; exec sh -c "$last""#)
        let transport = SSHTransport(settings: .init(program: ssh))
        let words = ["it's", "$HOME", "two words", "`id`"]
        let result = try await transport.run(["printf", "%s|"] + words, on: "node1", timeout: .seconds(5))
        #expect(result.stdout == words.map { $0 + "|" }.joined())
    }

    @Test func exitCode255IsAnUnreachableNode() async throws {
        let tools = try FakeTools()
        let ssh = try tools.script("ssh", "echo 'ssh: connect to host node9 port 22: Connection refused' >&2; exit 255")
        let transport = SSHTransport(settings: .init(program: ssh))
        await #expect(throws: TransportError.unreachable(host: "node9", reason: "ssh: connect to host node9 port 22: Connection refused")) {
            _ = try await transport.run(["true"], on: "node9", timeout: .seconds(5))
        }
    }

    @Test func theRemoteCommandsOwnFailureIsAResultNotAnError() async throws {
        let tools = try FakeTools()
        let ssh = try tools.script("ssh", "echo 'lvcreate: not enough space' >&2; exit 5")
        let transport = SSHTransport(settings: .init(program: ssh))
        let result = try await transport.run(["lvcreate"], on: "node1", timeout: .seconds(5))
        #expect(result.exitCode == 5)
        #expect(result.lastMessageLine == "lvcreate: not enough space")
    }
}
