/// A position in YAML source text, 1-based, so that configuration and desired-state errors can say
/// `file:line:column`.
public struct YAMLMark: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, counted in Unicode scalars as libyaml does.
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String {
        "line \(self.line), column \(self.column)"
    }
}
