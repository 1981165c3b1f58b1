internal import Foundation
internal import Reconciliation

/// A reconcile plan as `brickyard plan` prints it: readable lines like `terraform plan`, or JSON.
enum PlanRendering {
    static func text(_ plan: ReconcilePlan) -> String {
        var lines: [String] = []
        if plan.isEmpty {
            lines.append("No changes: the store matches the documents.")
        } else {
            lines += plan.steps.map(\.description)
        }
        lines += plan.notices.map { "! \($0)" }
        lines += plan.refusals.map { "x refused: \($0)" }
        if !plan.isEmpty { lines.append(plan.summary) }
        return lines.joined(separator: "\n")
    }

    /// `{"actions": [{"action", "target", "description"}], "notices": [...], "refusals": [...]}`.
    static func json(_ plan: ReconcilePlan) -> String {
        struct Action: Encodable {
            var action: String
            var target: String
            var effect: String
            var description: String
        }
        struct Document: Encodable {
            var actions: [Action]
            var notices: [String]
            var refusals: [String]
            var summary: String
        }
        let document = Document(
            actions: plan.steps.map {
                Action(action: $0.action, target: $0.target, effect: $0.effect, description: $0.description)
            },
            notices: plan.notices, refusals: plan.refusals, summary: plan.summary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
