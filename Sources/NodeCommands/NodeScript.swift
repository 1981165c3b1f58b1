/// Steps run on one node in one round trip: rendered to a single `sh -c` script that starts with `set -e`, so the
/// first failing step stops the rest (as Heketi's command lists stop at the first error) and a brick is made or
/// removed with one connection instead of ten.
public struct NodeScript: Hashable, Sendable {
    /// One line of the script.
    public enum Step: Hashable, Sendable {
        /// Runs the command; a non-zero exit outside its tolerated codes stops the script.
        case run(NodeCommand)
        /// Runs the command and goes on whatever it returns (`cmd || true`).
        case tolerate(NodeCommand)
        /// Runs the command only when the condition holds (`if cond; then cmd; fi`).
        case when(ScriptCondition, NodeCommand)
        /// Appends `line` to `file` (`printf '%s\n' LINE >> FILE`).
        case appendLine(String, file: String)
        /// Removes every line of `file` equal to `line`, matched literally and whole; a missing file or line is
        /// not an error. The file is rewritten in place (`cat tmp > FILE`), keeping its inode, owner and mode, so a
        /// bind-mounted fstab stays the host's file.
        case removeLine(String, file: String)
    }

    public var steps: [Step]

    public init(_ steps: [Step] = []) {
        self.steps = steps
    }

    public mutating func append(_ step: Step) {
        self.steps.append(step)
    }

    /// The script text: `set -e`, then one line per step.
    public var text: String {
        (["set -e"] + self.steps.map(Self.render)).joined(separator: "\n") + "\n"
    }

    /// `sh -c TEXT`: what a transport runs.
    public var command: NodeCommand {
        NodeCommand(["sh", "-c", self.text])
    }

    static func render(_ step: Step) -> String {
        switch step {
        case .run(let command):
            return Self.render(command)
        case .tolerate(let command):
            return "\(command.rendered) || true"
        case .when(let condition, let command):
            return "if \(condition.rendered); then \(Self.render(command)); fi"
        case .appendLine(let line, let file):
            return "printf '%s\\n' \(ShellQuote.quote(line)) >> \(ShellQuote.quote(file))"
        case .removeLine(let line, let file):
            let quotedLine = ShellQuote.quote(line)
            let quotedFile = ShellQuote.quote(file)
            let quotedTemporary = ShellQuote.quote(file + ".brickyard-tmp")
            // grep -v exits 1 when no line is left, which is not an error here; 2 (unreadable file) still is.
            return "if grep -q -x -F -e \(quotedLine) -- \(quotedFile); then "
                + "{ grep -v -x -F -e \(quotedLine) -- \(quotedFile) > \(quotedTemporary) || [ $? -eq 1 ]; }; "
                + "cat \(quotedTemporary) > \(quotedFile); rm -f \(quotedTemporary); fi"
        }
    }

    /// A command whose tolerated exit codes are accepted and any other failure ends the script with that code.
    static func render(_ command: NodeCommand) -> String {
        guard !command.toleratedExitCodes.isEmpty else {
            return command.rendered
        }
        let codes = command.toleratedExitCodes.sorted().map(String.init).joined(separator: "|")
        return "\(command.rendered) || { rc=$?; case $rc in \(codes)) ;; *) exit $rc ;; esac; }"
    }
}
