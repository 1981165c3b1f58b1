/// Where something was written: a file and a position in it (1-based), for error messages a person can follow.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(self.file):\(self.line):\(self.column)" }
}

/// A document that breaks a rule: where, and which rule. One bad document stops an apply before anything changes.
public struct DesiredStateError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var rule: String

    public init(_ location: SourceLocation, _ rule: String) {
        self.location = location
        self.rule = rule
    }

    public var description: String { "\(self.location): \(self.rule)" }
}
