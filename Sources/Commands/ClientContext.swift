internal import Client
internal import Foundation

/// What a running client action needs: the typed client, the output format, and where to print.
struct ClientContext: Sendable {
    let client: HeketiClient
    let format: OutputFormat
    let console: ClientConsole
    let progress: ProgressDisplay
    /// Waits before a dangerous request, so it can still be interrupted; tests pass one that returns at once.
    var pause: @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }

    /// Prints `value` as a JSON or YAML document, or in text mode the lines `text` makes.
    func show<Value: Encodable>(_ value: Value, text: (Value) -> [String]) {
        if let document = self.format.document(value) {
            self.console.print(document)
        } else {
            for line in text(value) { self.console.print(line) }
        }
    }

    /// Prints a short confirmation: the sentence in text mode, `value` as a document otherwise.
    func confirm(_ sentence: String, _ value: some Encodable) {
        self.show(value) { _ in [sentence] }
    }

    /// heketi-cli's warning before a request that skips the heal check: said on standard error, then ten seconds
    /// to press Ctrl-C.
    func warnBeforeSkippingHealCheck() async {
        self.console.warn(
            "brickyard: skipping the heal check may be dangerous and increase the risk of data loss; "
                + "press Ctrl-C within 10 seconds to cancel")
        await self.pause(.seconds(10))
    }

    /// Runs a long operation with progress on standard error.
    func track<Value: Sendable>(_ label: String, _ body: () async throws(ClientError) -> Value) async throws(ClientError)
        -> Value
    {
        try await self.progress.track(label, body)
    }
}

/// The answer of a verb that has no resource to show (delete, enable, ...): what happened to which object.
struct ActionResult: Codable, Hashable, Sendable {
    var id: String
    var result: String
    var state: String?
    var tags: [String: String]?
}

/// A parsed client command, ready to run against a server.
protocol ClientAction: Sendable {
    func run(_ context: ClientContext) async throws(ClientError)
}
