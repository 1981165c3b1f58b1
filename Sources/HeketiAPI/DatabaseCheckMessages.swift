/// `GET /db/check`: whether the store is consistent, `{"ok": true, "problems": []}`; each problem is one sentence
/// naming the entry it is about.
public struct DatabaseCheckResponse: Codable, Hashable, Sendable {
    public var ok: Bool
    public var problems: [String]

    public init(ok: Bool, problems: [String]) {
        self.ok = ok
        self.problems = problems
    }
}
