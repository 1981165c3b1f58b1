/// A 1-based line and column in a configuration file, so an error can say `heketi.json:12:27`.
///
/// Brickyard's own type rather than the YAML wrapper's mark, so callers of this module need not import YAML.
public struct FilePosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, the form editors and compilers use after a file name.
    public var description: String {
        "\(self.line):\(self.column)"
    }
}
