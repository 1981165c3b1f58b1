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
        /// Removes every fstab line of `file` whose mount point (second field) is `mountPoint`, whatever its device
        /// and options (so lines Heketi wrote go too), in place like `removeLine`; comment lines stay.
        case removeMountEntry(mountPoint: String, file: String)
        /// Runs the command and keeps its standard output in the shell variable `name` (`[a-z_]+`); a failure stops
        /// the script like `.run`, so a tool that cannot answer is never taken for "nothing there".
        case capture(String, NodeCommand)
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
            // Every edit of the file holds an exclusive flock on it, so concurrent brick scripts on one node never
            // interleave a rewrite with an append.
            let quotedFile = ShellQuote.quote(file)
            return "{ flock 9; printf '%s\\n' \(ShellQuote.quote(line)) >> \(quotedFile); } 9>>\(quotedFile)"
        case .removeLine(let line, let file):
            let quotedLine = ShellQuote.quote(line)
            // grep -v exits 1 when no line is left, which is not an error here; 2 (unreadable file) still is.
            return Self.rewrite(
                file, keeping: "{ grep -v -x -F -e \(quotedLine) -- \(ShellQuote.quote(file)) || [ $? -eq 1 ]; }")
        case .capture(let name, let command):
            precondition(name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) })
            return "\(name)=$(\(command.rendered))"
        case .removeMountEntry(let mountPoint, let file):
            return Self.rewrite(
                file, keeping: "MP=\(ShellQuote.quote(mountPoint)) awk '$1 ~ /^#/ || $2 != ENVIRON[\"MP\"]' \(ShellQuote.quote(file))")
        }
    }

    /// Rewrites `file` in place with what `filter` prints, under the file's flock and through a private temporary
    /// file; nothing happens when the file does not exist.
    static func rewrite(_ file: String, keeping filter: String) -> String {
        let quotedFile = ShellQuote.quote(file)
        let template = ShellQuote.quote(file + ".brickyard.XXXXXX")
        return "if [ -e \(quotedFile) ]; then ( flock 9; tmp=$(mktemp \(template)); "
            + "\(filter) > \"$tmp\" || { rm -f \"$tmp\"; exit 1; }; cat \"$tmp\" > \(quotedFile); rm -f \"$tmp\" ) 9>>\(quotedFile); fi"
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
