import StoreRecords

extension StoreChange {
    /// Whether the change writes the topology tables (and so invalidates a cached topology); operation and journal
    /// records do not.
    var touchesTopology: Bool {
        switch self {
        case .insertOperation, .setOperationStatus, .appendJournal, .setJournalState, .hold, .releaseHolds: false
        default: true
        }
    }
}
