import NodeTransport
import Synchronization

/// A transport that runs nothing: it records each round trip and answers from a rule.
final class RecordingTransport: NodeTransport {
    struct Call: Equatable {
        var host: String
        var argv: [String]
    }

    private let calls = Mutex<[Call]>([])
    private let answer: @Sendable (String, [String]) -> CommandResult

    init(answer: @escaping @Sendable (String, [String]) -> CommandResult = { _, _ in
        CommandResult(exitCode: 0, stdout: "", stderr: "")
    }) {
        self.answer = answer
    }

    var recorded: [Call] { self.calls.withLock { $0 } }

    func run(_ argv: [String], on host: String, timeout: Duration) async throws(TransportError) -> CommandResult {
        self.calls.withLock { $0.append(Call(host: host, argv: argv)) }
        return self.answer(host, argv)
    }
}
