import Glibc
import Foundation
import NodeTransport
import Testing

@Suite struct ProcessRunnerTests {
    /// Words with every character the shell would otherwise interpret reach the program unchanged.
    static let awkwardWords = ["plain", "two words", "it's", "$HOME", "`id`", "a\\b", "line\none", "", "ünïcode", "*"]

    @Test func argumentsReachTheProgramUnchanged() async throws {
        let result = try await ProcessRunner.run(
            ["/usr/bin/printf", "%s\\0"] + Self.awkwardWords, timeout: .seconds(10))
        #expect(result.exitCode == 0)
        var words = result.stdout.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        words.removeLast()
        #expect(words == Self.awkwardWords)
    }

    @Test func exitCodeAndBothStreamsAreReported() async throws {
        let result = try await ProcessRunner.run(
            ["sh", "-c", "echo out; echo 'first problem' >&2; echo 'last problem' >&2; exit 3"], timeout: .seconds(10))
        #expect(result.exitCode == 3)
        #expect(result.stdout == "out\n")
        #expect(result.stderr == "first problem\nlast problem\n")
        #expect(result.lastMessageLine == "last problem")
    }

    @Test func aSignalIsReportedAsTheShellDoes() async throws {
        let result = try await ProcessRunner.run(["sh", "-c", "kill -TERM $$"], timeout: .seconds(10))
        #expect(result.exitCode == 128 + 15)
    }

    @Test func largeOutputOnBothStreamsDoesNotDeadlock() async throws {
        let result = try await ProcessRunner.run(
            ["sh", "-c", "head -c 300000 /dev/zero | tr '\\0' a; head -c 300000 /dev/zero | tr '\\0' b >&2"],
            timeout: .seconds(20))
        #expect(result.stdout.utf8.count == 300_000)
        #expect(result.stderr.utf8.count == 300_000)
    }

    /// The whole process group goes at the deadline: a script's background child cannot keep the run alive.
    @Test func aTimeoutKillsTheScriptAndItsChildren() async throws {
        let tools = try FakeTools()
        let marker = tools.path("child-alive")
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: TransportError.timedOut(command: "sh -c sleep 300 & echo $! > '\(marker)'; wait", seconds: 1)) {
            _ = try await ProcessRunner.run(["sh", "-c", "sleep 300 & echo $! > '\(marker)'; wait"], timeout: .seconds(1))
        }
        // Not a speed bound: the run did not wait for the child's five minutes (a loaded machine may be slow to
        // spawn and to schedule the deadline, never that slow).
        #expect(start.duration(to: clock.now) < .seconds(120))
        let child = Int32(tools.read("child-alive").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(child > 0)
        // Gone, or a zombie waiting for whoever reaps orphans here: either way it no longer runs.
        func state() -> Substring? {
            (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8))?
                .split(separator: ")").last?.split(separator: " ").first
        }
        let deadline = clock.now + .seconds(20)
        while clock.now < deadline, let running = state(), running != "Z" {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(state() == nil || state() == "Z", "the background sleep outlived the timeout (state \(state() ?? ""))")
    }

    /// A command that leaves a process in the background holding its output open still ends when it exits, and
    /// the background process goes with it.
    @Test func aBackgroundProcessHoldingThePipeDoesNotHoldTheRun() async throws {
        // Waiting for the background sleep would end in a timeout (an error) instead of this result.
        let result = try await ProcessRunner.run(["sh", "-c", "sleep 120 & echo started"], timeout: .seconds(60))
        #expect(result.exitCode == 0)
        #expect(result.stdout == "started\n")
    }

    @Test func aMissingProgramIsALaunchFailure() async {
        await #expect(throws: TransportError.launchFailed(program: "brickyard-no-such-tool", reason: "No such file or directory")) {
            _ = try await ProcessRunner.run(["brickyard-no-such-tool"], timeout: .seconds(5))
        }
    }

    @Test func programsAreLookedUpOnTheGivenPath() async throws {
        let tools = try FakeTools()
        try tools.script("gluster", "echo fake gluster \"$@\"", in: "node1")
        let result = try await ProcessRunner.run(
            ["gluster", "pool", "list"], environment: ["PATH": tools.directory + "/node1:/usr/bin:/bin"],
            timeout: .seconds(5))
        #expect(result.stdout == "fake gluster pool list\n")
    }

    /// Many runs at once, each on its own thread: none sees another's output or hangs on another's pipe.
    @Test func concurrentRunsKeepTheirOwnOutput() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<24 {
                group.addTask {
                    let result = try await ProcessRunner.run(
                        ["sh", "-c", "sleep 0.0$1; echo run $1", "sh", String(index % 10)], timeout: .seconds(20))
                    #expect(result.stdout == "run \(index % 10)\n")
                }
            }
            try await group.waitForAll()
        }
    }
}
