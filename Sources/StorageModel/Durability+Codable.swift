/// Stored as `{"type": "replicate", "replica": 3}`, `{"type": "arbiter"}`, `{"type": "none"}` or
/// `{"type": "disperse", "data": 4, "redundancy": 2}`.
extension Durability: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, replica, data, redundancy
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "none": self = .distribute
        case "replicate": self = try .replicate(validating: container.decode(Int.self, forKey: .replica))
        case "arbiter": self = .arbiter
        case "disperse":
            self = try .disperse(
                validatingData: container.decode(Int.self, forKey: .data),
                redundancy: container.decode(Int.self, forKey: .redundancy))
        case let other:
            throw ValidationError(
                field: "durability.type", value: other, problem: .notOneOf(["none", "replicate", "arbiter", "disperse"]))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .distribute:
            try container.encode("none", forKey: .type)
        case .replicate(let count):
            try container.encode("replicate", forKey: .type)
            try container.encode(count, forKey: .replica)
        case .arbiter:
            try container.encode("arbiter", forKey: .type)
        case .disperse(let data, let redundancy):
            try container.encode("disperse", forKey: .type)
            try container.encode(data, forKey: .data)
            try container.encode(redundancy, forKey: .redundancy)
        }
    }
}
