/// Whether a node or device takes part in placement (Heketi's `state`).
///
/// Only `online` objects receive new bricks; `offline` is an administrator's pause; `failed` means its
/// bricks are being, or have been, moved elsewhere.
public enum OperationalState: String, Hashable, Sendable, Codable, CaseIterable {
    case online
    case offline
    case failed

    public init(validating text: String, field: String = "state") throws(ValidationError) {
        guard let state = OperationalState(rawValue: text) else {
            throw ValidationError(field: field, value: text, problem: .notOneOf(Self.allCases.map(\.rawValue)))
        }
        self = state
    }
}
