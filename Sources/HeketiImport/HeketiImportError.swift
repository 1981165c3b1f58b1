public import StorageModel

/// Why an export cannot be imported, naming the entry at fault so that one line tells the operator where to look.
///
/// `subject` is the entry (`volume <id>`, `volume <id>: brick <id>`) or the part of the file (`brickentries`);
/// `problem` carries the facts. The whole import is refused on the first one: a half-imported cluster would be
/// worse than none.
public struct HeketiImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var subject: String
    public var problem: Problem

    public init(_ subject: String, _ problem: Problem) {
        self.subject = subject
        self.problem = problem
    }

    public enum Problem: Hashable, Sendable {
        /// The file is not JSON, or a value has the wrong JSON type.
        case unreadable(String)
        /// A section or field Heketi always writes is absent.
        case missing(field: String)
        /// A value breaks one of Brickyard's model rules (ids, names, hostnames, tags, sizes, durability).
        case invalid(ValidationError)
        /// An entry is filed under a key that differs from its own `Info.id`.
        case keyMismatch(infoID: String)
        /// The same key appears twice in one JSON object.
        case duplicateKey(String)
        /// A reference to an entry the export does not contain (`relation` reads "is on device").
        case dangling(relation: String, id: String)
        /// The entry refers to a parent whose list (`field`) leaves it out.
        case unlisted(parent: String, field: String)
        /// A list names the same entry twice.
        case listedTwice(String)
        /// A list names an entry that belongs to someone else.
        case listsForeign(item: String, owner: String)
        /// A unique value (hostname, device name, volume name) that another entry already uses.
        case conflict(field: String, value: String, other: String)
        /// An unfinished Heketi operation still holds the entry.
        case pending(operation: String)
        /// The bricks on a device reserve more than Heketi says the device holds.
        case overcommitted(reserved: ByteCount, total: ByteCount)
        /// The volume's bricks cannot be arranged into sets of its durability.
        case brickSets(String)
        /// Something Brickyard does not manage (block volumes, arbiter bricks of unknown type).
        case unsupported(String)
    }

    public var description: String {
        let subject = self.subject
        switch self.problem {
        case .unreadable(let detail):
            return "\(subject): \(detail)"
        case .missing(let field):
            return "\(subject): \(field) is missing"
        case .invalid(let error):
            return "\(subject): \(error)"
        case .keyMismatch(let infoID):
            return "\(subject): its Info.id is \"\(infoID)\", not the key it is filed under"
        case .duplicateKey(let key):
            return "\(subject): \"\(key)\" appears twice"
        case .dangling(let relation, let id):
            return "\(subject) \(relation) \(id), which the export does not list"
        case .unlisted(let parent, let field):
            return "\(subject) is missing from \(parent)'s \(field)"
        case .listedTwice(let item):
            return "\(subject) lists \(item) twice"
        case .listsForeign(let item, let owner):
            return "\(subject) lists \(item), which belongs to \(owner)"
        case .conflict(let field, let value, let other):
            return "\(subject): \(field) \"\(value)\" is also used by \(other)"
        case .pending(let operation):
            return "\(subject) belongs to the unfinished Heketi operation \(operation); "
                + "let Heketi finish or clean it up, then export again"
        case .overcommitted(let reserved, let total):
            return "\(subject): its bricks reserve \(reserved) but the device holds only \(total)"
        case .brickSets(let detail):
            return "\(subject): \(detail)"
        case .unsupported(let detail):
            return "\(subject): \(detail)"
        }
    }
}
