/// A test in a `NodeScript` `if`, so a step runs only when the node is in the state it expects (an undo can then
/// be run on work that never happened, or that happened halfway).
public indirect enum ScriptCondition: Hashable, Sendable {
    /// The command exits 0; its output is discarded.
    case succeeds(NodeCommand)
    /// `[ -d PATH ]`.
    case isDirectory(String)
    /// `[ -e PATH ]`.
    case exists(String)
    /// The command's standard output, with blanks removed, equals the text (`lvs -o thin_count` printing `0`).
    /// When the command fails its output is empty.
    case outputEquals(NodeCommand, String)
    /// A variable set by a `.capture` step, with blanks removed, equals the text.
    case variableEquals(String, String)
    /// The opposite of a condition.
    case not(ScriptCondition)

    /// The condition as `sh` text for `if …; then`.
    public var rendered: String {
        switch self {
        case .succeeds(let command):
            return "\(command.rendered) >/dev/null 2>&1"
        case .isDirectory(let path):
            return "[ -d \(ShellQuote.quote(path)) ]"
        case .exists(let path):
            return "[ -e \(ShellQuote.quote(path)) ]"
        case .outputEquals(let command, let text):
            return "[ \"$(\(command.rendered) 2>/dev/null | tr -d ' \\t')\" = \(ShellQuote.quote(text)) ]"
        case .variableEquals(let name, let text):
            return "[ \"$(printf '%s' \"$\(name)\" | tr -d ' \\t\\n')\" = \(ShellQuote.quote(text)) ]"
        case .not(let condition):
            return "! \(condition.rendered)"
        }
    }
}
