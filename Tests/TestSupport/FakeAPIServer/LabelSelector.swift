import Foundation

/// A label selector as `labelSelector` carries it: equality (`k=v`, `k==v`), inequality (`k!=v`), existence
/// (`k`) and absence (`!k`), joined by commas. Set-based forms (`in`, `notin`) are not understood and refused.
struct LabelSelector: Sendable, Equatable {
    enum Requirement: Sendable, Equatable {
        case equals(String, String)
        case notEquals(String, String)
        case exists(String)
        case absent(String)
    }

    var requirements: [Requirement]

    /// `nil` when the selector is not in the forms above.
    init?(_ text: String) {
        var requirements: [Requirement] = []
        for part in text.split(separator: ",") {
            let term = part.trimmingCharactersInSpaces()
            guard !term.isEmpty, !term.contains(" "), !term.contains("(") else { return nil }
            if let range = term.range(of: "!=") {
                requirements.append(.notEquals(String(term[..<range.lowerBound]), String(term[range.upperBound...])))
            } else if let range = term.range(of: "==") ?? term.range(of: "=") {
                requirements.append(.equals(String(term[..<range.lowerBound]), String(term[range.upperBound...])))
            } else if term.hasPrefix("!") {
                requirements.append(.absent(String(term.dropFirst())))
            } else {
                requirements.append(.exists(term))
            }
        }
        self.requirements = requirements
    }

    func matches(_ labels: [String: String]) -> Bool {
        self.requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): labels[key] == value
            case .notEquals(let key, let value): labels[key] != value
            case .exists(let key): labels[key] != nil
            case .absent(let key): labels[key] == nil
            }
        }
    }

    func matches(_ object: JSONValue) -> Bool {
        let labels = (object["metadata"]?["labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        return self.matches(labels)
    }
}

extension Substring {
    fileprivate func trimmingCharactersInSpaces() -> String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
