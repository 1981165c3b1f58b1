/// Why a store cannot be rebuilt from what the nodes hold. Recovery writes nothing unless it can account for every
/// volume that carries an id, so each of these stops it.
public struct RecoveryError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}
