/// What a long operation shows while it runs, as a function of elapsed time only, so it is tested without waiting.
///
/// On a terminal: nothing for the first 300 ms (most operations are done by then), then a spinner with the elapsed
/// seconds, redrawn in place. Elsewhere (logs, pipes): a plain line after one second and every ten seconds after, and
/// a closing line if anything was shown, so a log says how long the operation took without a line per poll.
struct ProgressSchedule: Sendable {
    static let spinner: [Character] = ["|", "/", "-", "\\"]
    static let terminalDelay: Duration = .milliseconds(300)
    static let firstLine: Duration = .seconds(1)
    static let lineInterval: Duration = .seconds(10)

    let label: String

    /// The terminal frame at `elapsed`, or nil while it is too early to show anything.
    func frame(at elapsed: Duration) -> String? {
        guard elapsed >= Self.terminalDelay else { return nil }
        let tick = Int(elapsed / .milliseconds(100))
        return "\(Self.spinner[tick % Self.spinner.count]) \(self.label)… \(Self.seconds(elapsed))"
    }

    /// How many plain lines are due by `elapsed`.
    static func linesDue(at elapsed: Duration) -> Int {
        guard elapsed >= Self.firstLine else { return 0 }
        return 1 + Int((elapsed - Self.firstLine) / Self.lineInterval)
    }

    /// The plain line shown at `elapsed` (whole seconds).
    func line(at elapsed: Duration) -> String {
        "\(self.label): still running after \(elapsed.components.seconds)s"
    }

    /// The closing plain line, shown only when a running line was.
    func doneLine(at elapsed: Duration, failed: Bool) -> String {
        "\(self.label): \(failed ? "failed" : "done") after \(Self.seconds(elapsed))"
    }

    /// Seconds with one decimal, such as `2.4s`.
    static func seconds(_ duration: Duration) -> String {
        let tenths = Int(duration / .milliseconds(100))
        return "\(tenths / 10).\(tenths % 10)s"
    }
}
