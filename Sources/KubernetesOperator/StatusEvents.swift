public import KubernetesAPI
public import ReconcilePlanning

/// The event a claim's status change is worth, on its GlusterVolume: a volume that became ready (`Ready`), work
/// that started (`Progressing`, with the steps), a failure or refusal (`Failed` / `Refused`, a warning with the
/// reason). Nothing for a change that is not a transition (a new retry time, the same failure again is a series of
/// the recorder's). Pure.
public enum StatusEvents {
    public static func event(
        from previous: ClaimStatus?, to next: ClaimStatus, regarding: EventObject.Regarding
    ) -> EventObject? {
        let before = previous?.phase
        let condition = next.condition(next.phase)
        let message = condition?.message ?? ""
        switch next.phase {
        case .ready where before != .ready:
            return EventObject(
                regarding: regarding, severity: .normal, reason: "Ready", action: "Reconcile",
                note: message.isEmpty ? "volume \(next.volumeName) is ready" : message)
        case .progressing where before != .progressing || previous?.condition(.progressing)?.message != message:
            guard !message.isEmpty else { return nil }
            return EventObject(regarding: regarding, severity: .normal, reason: "Progressing", action: "Reconcile", note: message)
        case .degraded where before != .degraded || previous?.lastError != next.lastError:
            let reason = condition?.reason ?? "Failed"
            return EventObject(
                regarding: regarding, severity: .warning, reason: reason == "Refused" ? "Refused" : "Failed",
                action: "Reconcile", note: "\(reason): \(next.lastError ?? message)")
        default:
            return nil
        }
    }
}
