import Foundation
import NodeTransport

/// Answers a node's observation script as a node would: each section the script asks for framed by its markers
/// (with the script's token) on both streams, the section's output taken from `reply`.
struct ObservationReplies: Sendable {
    /// What a tool printed: exit code, standard output, standard error.
    struct Output: Sendable {
        var exitCode: Int32 = 0
        var stdout = ""
        var stderr = ""
    }

    /// The output of section `name` on `host`.
    var reply: @Sendable (_ host: String, _ name: String) -> Output

    func answer(host: String, argv: [String]) -> CommandResult {
        guard argv.count == 3, argv[0] == "sh", argv[1] == "-c", let token = Self.token(in: argv[2]) else {
            return CommandResult(exitCode: 2, stdout: "", stderr: "not an observation script: \(argv)\n")
        }
        var stdout = "", stderr = ""
        for name in Self.sectionNames(in: argv[2]) {
            let output = self.reply(host, name)
            stdout += "\n@@brickyard-section \(token) \(name)@@\n\(output.stdout)\n@@brickyard-end \(token) \(name) \(output.exitCode)@@\n"
            stderr += "\n@@brickyard-section \(token) \(name)@@\n\(output.stderr)\n@@brickyard-end \(token) \(name) \(output.exitCode)@@\n"
        }
        return CommandResult(exitCode: 0, stdout: stdout, stderr: stderr)
    }

    static func token(in script: String) -> String? {
        script.split(separator: "\n").first { $0.hasPrefix("brickyard_token=") }.map { String($0.dropFirst(16)) }
    }

    /// The sections a script asks for, in order.
    static func sectionNames(in script: String) -> [String] {
        let prefix = #"brickyard_mark section "$brickyard_token" "#
        return script.split(separator: "\n").filter { $0.hasPrefix(prefix) }.compactMap {
            $0.dropFirst(prefix.count).split(separator: ";").first.map(String.init)
        }
    }

    /// The recorded outputs of the real tools (`Tests/Fixtures`), for a node where everything answers.
    static func recorded(_ name: String) -> Output {
        func fixture(_ path: String) -> String {
            (try? String(contentsOf: CommandExecutorTests.fixture(path), encoding: .utf8)) ?? ""
        }
        switch name {
        case "peers": return Output(stdout: fixture("gluster/peer-status.xml"))
        case "pvs": return Output(stdout: fixture("lvm/pvs.json"))
        case "vgs": return Output(stdout: fixture("lvm/vgs.json"))
        case "lvs": return Output(stdout: fixture("lvm/lvs-empty.json"))
        case "mounts":
            return Output(stdout: "/\n/proc\n/var/lib/heketi/mounts/vg_a/brick_b\n/var/lib/heketi/mounts/vg_a/brick_a\n")
        case "brick-directories": return Output(stdout: "/srv/d1/brick_2\n/srv/d1/brick_1\n")
        case "directory-filesystems": return Output(stdout: "mounted 4096 1000 750 /srv/d1\n")
        case "volume-info": return Output(stdout: fixture("gluster/volume-info-replica3.xml"))
        case "volume-status": return Output(stdout: fixture("gluster/volume-status-replica3.xml"))
        default: return Output(exitCode: 127, stderr: "sh: 1: \(name): not found\n")
        }
    }
}
