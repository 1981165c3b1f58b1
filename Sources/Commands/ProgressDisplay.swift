internal import Client

/// Shows that a long operation is alive (to standard error, through the console): a redrawn spinner with the
/// elapsed time on a terminal, occasional plain lines otherwise. Standard output stays clean for the result.
struct ProgressDisplay: Sendable {
    let console: ClientConsole
    /// Whether standard error is a terminal.
    let terminal: Bool

    /// Runs `body`, showing progress under `label` until it returns or throws.
    func track<Value: Sendable>(
        _ label: String, _ body: () async throws(ClientError) -> Value
    ) async throws(ClientError) -> Value {
        let schedule = ProgressSchedule(label: label)
        let started = ContinuousClock.now
        let console = self.console
        let terminal = self.terminal
        // The ticker returns how much it showed, so the closing line is written only after something was.
        let ticker = Task {
            var shown = 0
            while !Task.isCancelled {
                let elapsed = ContinuousClock.now - started
                if terminal {
                    if let frame = schedule.frame(at: elapsed) {
                        console.frame(frame)
                        shown += 1
                    }
                } else if ProgressSchedule.linesDue(at: elapsed) > shown {
                    console.warn(schedule.line(at: elapsed))
                    shown += 1
                }
                try? await Task.sleep(for: .milliseconds(terminal ? 100 : 250))
            }
            return shown
        }
        func stop(failed: Bool) async {
            ticker.cancel()
            guard await ticker.value > 0 else { return }
            if terminal {
                console.frame("")
            } else {
                console.warn(schedule.doneLine(at: ContinuousClock.now - started, failed: failed))
            }
        }
        do throws(ClientError) {
            let value = try await body()
            await stop(failed: false)
            return value
        } catch {
            await stop(failed: true)
            throw error
        }
    }
}
