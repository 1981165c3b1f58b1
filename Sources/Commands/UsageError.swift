/// The command line was wrong: printed as one line, exit code 2.
public struct UsageError: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
