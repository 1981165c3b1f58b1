/// A value read from a configuration file, with the key it was found under and where, so that checks made later
/// (ranges, cross-field rules) can still point at the offending line.
public struct FileValue<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    /// The dotted key path as written in the file, such as `glusterfs.brick_max_size_gb` or `brick_max_size_gb`.
    public var key: String
    /// Where the value starts; `nil` when the file was read without positions (the plain-JSON fallback) or the
    /// value was built in code.
    public var position: FilePosition?

    public init(_ value: Value, key: String, position: FilePosition? = nil) {
        self.value = value
        self.key = key
        self.position = position
    }
}
