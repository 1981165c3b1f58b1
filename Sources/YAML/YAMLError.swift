/// A YAML document that could not be parsed, emitted or converted, with the position libyaml reported.
///
/// Callers add the file name: `"\(path):\(error.mark.line):\(error.mark.column): \(error.problem)"`.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, such as `mapping values are not allowed in this context`.
    public var problem: String
    /// Where the problem was found, when known.
    public var mark: YAMLMark?
    /// The construct being read when the problem was found, such as `while parsing a block mapping`.
    public var context: String?
    /// Where that construct starts.
    public var contextMark: YAMLMark?
    /// The libyaml function (or conversion step) that failed, such as `yaml_parser_parse`.
    public var function: String

    public init(
        problem: String, mark: YAMLMark? = nil, context: String? = nil, contextMark: YAMLMark? = nil,
        function: String
    ) {
        self.problem = problem
        self.mark = mark
        self.context = context
        self.contextMark = contextMark
        self.function = function
    }

    public var description: String {
        var text = self.mark.map { "\($0): \(self.problem)" } ?? self.problem
        if let context = self.context {
            text += " (\(context)" + (self.contextMark.map { " at \($0)" } ?? "") + ")"
        }
        return text
    }
}
