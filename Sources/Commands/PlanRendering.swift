internal import Foundation
internal import ReconcilePlanning

/// A reconcile plan as `brickyard plan` prints it: readable lines like `terraform plan`, or JSON.
enum PlanRendering {
    /// The steps, notices and refusals, then one closing line. A plan with refusals never says the store matches
    /// the documents: it does not, and apply will change nothing until the refused documents are fixed.
    static func text(_ plan: ReconcilePlan, wouldFail: [Int: String] = [:]) -> String {
        var lines = plan.steps.enumerated().map { index, step in
            step.description + (wouldFail[index].map { "  (would fail: \($0))" } ?? "")
        }
        lines += plan.notices.map { "! \($0)" }
        lines += plan.refusals.map { "x refused: \($0)" }
        if !plan.refusals.isEmpty {
            let refused = Plural.count(plan.refusals.count, "refusal")
            lines.append(
                plan.isEmpty
                    ? "No changes can be made: \(refused); fix the documents and plan again."
                    : "\(plan.summary) Nothing will be applied while \(refused) \(plan.refusals.count == 1 ? "remains" : "remain").")
        } else if plan.isEmpty {
            lines.append("No changes: the store matches the documents.")
        } else if !wouldFail.isEmpty {
            lines.append("\(plan.summary) \(Plural.count(wouldFail.count, "step")) would fail as the store is now.")
        } else {
            lines.append(plan.summary)
        }
        return lines.joined(separator: "\n")
    }

    /// `{"actions": [{"action", "target", "description"}], "notices": [...], "refusals": [...]}`.
    static func json(_ plan: ReconcilePlan, wouldFail: [Int: String] = [:]) -> String {
        struct Action: Encodable {
            var action: String
            var target: String
            var effect: String
            var description: String
            /// Why the step would fail if applied now (no room); absent when it would not.
            var wouldFail: String?
        }
        struct Document: Encodable {
            var actions: [Action]
            var notices: [String]
            var refusals: [String]
            var summary: String
        }
        let document = Document(
            actions: plan.steps.enumerated().map { index, step in
                Action(
                    action: step.action, target: step.target, effect: step.effect, description: step.description,
                    wouldFail: wouldFail[index])
            },
            notices: plan.notices, refusals: plan.refusals, summary: plan.summary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
