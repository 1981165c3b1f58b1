public import StorageModel

/// Marks identifiers of operations, so an operation ID is never confused with a volume or node ID.
public enum OperationKind: IdentifierKind {
    public static let fieldName = "operation"
}

/// The 32-hex identifier of one operation (Heketi's pending operation ID), also used as the pending marker.
public typealias OperationID = Identifier<OperationKind>
