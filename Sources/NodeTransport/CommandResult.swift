/// What one command printed and how it ended, as the transport saw it.
public struct CommandResult: Hashable, Sendable {
    /// The exit code; for a command killed by a signal, 128 plus the signal number, as shells report it.
    public var exitCode: Int32
    public var stdout: String
    public var stderr: String
    /// Wall time from start to exit.
    public var duration: Duration

    public init(exitCode: Int32, stdout: String, stderr: String, duration: Duration = .zero) {
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
        self.duration = duration
    }

    /// The last non-empty line of stderr (or stdout when stderr is empty): what a one-line error should quote.
    /// Gluster follows "Option KEY does not exist" with a guess ("Did you mean nfs.acl?"); the guess is passed over
    /// for the line that says what failed.
    public var lastMessageLine: String {
        for text in [self.stderr, self.stdout] {
            let lines = text.split(whereSeparator: \.isNewline).map { $0.drop(while: \.isWhitespace) }
            let said = lines.filter { !$0.isEmpty }
            if let line = said.last(where: { !$0.hasPrefix("Did you mean") }) ?? said.last {
                return String(line.reversed().drop(while: \.isWhitespace).reversed())
            }
        }
        return ""
    }
}
