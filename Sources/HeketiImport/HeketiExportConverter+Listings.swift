/// Heketi records each parent-child link twice (a node names its cluster, the cluster lists the node). Both halves
/// must agree, or the export describes two different clusters and importing either would be a guess. Children are
/// checked first (their errors name the reference that is wrong), then each parent's list.
extension HeketiExportConverter {
    /// Each parent's list of children (`field` of every entry), for the children's check.
    func listings<Entry>(
        _ entries: [(String, Entry)], kind: String, field: String, _ list: (Entry) -> [String]?
    ) throws(HeketiImportError) -> [String: Set<String>] {
        var listings: [String: Set<String>] = [:]
        for (key, entry) in entries {
            guard let children = list(entry) else { throw HeketiImportError("\(kind) \(key)", .missing(field: field)) }
            listings[key] = Set(children)
        }
        return listings
    }

    /// Checks `parent`'s list of children: each child exists, belongs to this parent, and appears once.
    func checkList(
        _ list: [String]?, of parent: String, field: String, childKind: String, parentID: String,
        parentOfChild: [String: String]
    ) throws(HeketiImportError) {
        guard let list else { throw HeketiImportError(parent, .missing(field: field)) }
        var seen: Set<String> = []
        for child in list {
            guard seen.insert(child).inserted else {
                throw HeketiImportError(parent, .listedTwice("\(childKind) \(child)"))
            }
            guard let owner = parentOfChild[child] else {
                throw HeketiImportError(parent, .dangling(relation: "lists \(childKind)", id: child))
            }
            guard owner == parentID else {
                throw HeketiImportError(
                    parent, .listsForeign(item: "\(childKind) \(child)", owner: "\(Self.kind(of: parent)) \(owner)"))
            }
        }
    }

    /// Checks that the child named in `subject` appears in its parent's list.
    func checkListed(
        _ child: String, in listed: [String: Set<String>], parentID: String, subject: String, parent: String,
        field: String
    ) throws(HeketiImportError) {
        guard listed[parentID]?.contains(child) == true else {
            throw HeketiImportError(subject, .unlisted(parent: parent, field: field))
        }
    }

    /// `cluster` from `cluster <id>`.
    private static func kind(of subject: String) -> String {
        String(subject.prefix { $0 != " " })
    }
}
