/// `GET /db/check`: whether the store agrees with itself, and each problem found, one line each.
public struct DatabaseCheckResponse: Codable, Hashable, Sendable {
    public var ok: Bool
    public var problems: [String]

    public init(ok: Bool, problems: [String]) {
        self.ok = ok
        self.problems = problems
    }
}
