import Foundation
public import ReconcilePlanning

/// A claim's status as a GlusterVolume's `status` shows it: the phase `kubectl get` prints, the three conditions in
/// metav1.Condition's shape (RFC 3339 times), the generation it describes, and the volume. Written as a JSON merge
/// patch of the status subresource, so fields other writers own are left alone. Pure.
public enum GlusterVolumeStatus {
    /// The phase column: `Ready`, `Progressing` (creating, expanding, deleting) or `Failed` (degraded).
    public static func phase(of status: ClaimStatus) -> String {
        switch status.phase {
        case .ready: "Ready"
        case .progressing: "Progressing"
        case .degraded: "Failed"
        }
    }

    /// The `status` object.
    public static func object(_ status: ClaimStatus) -> [String: Any] {
        var object: [String: Any] = [
            "phase": Self.phase(of: status),
            "observedGeneration": status.observedGeneration,
            "volumeName": status.volumeName,
            "conditions": status.conditions.map { condition -> [String: Any] in
                [
                    "type": condition.type.rawValue, "status": condition.status,
                    // The API refuses an empty reason; a condition always has one.
                    "reason": condition.reason.isEmpty ? condition.type.rawValue : condition.reason,
                    "message": condition.message,
                    "lastTransitionTime": Self.time(condition.lastTransitionTime),
                    "observedGeneration": condition.observedGeneration,
                ]
            },
        ]
        if let volume = status.volume, !volume.isEmpty { object["volumeID"] = volume }
        return object
    }

    /// The merge patch of the status subresource that makes it `status`.
    public static func patch(_ status: ClaimStatus) -> [UInt8] {
        let body: [String: Any] = ["status": Self.object(status)]
        return [UInt8]((try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data())
    }

    /// Seconds since the epoch as metav1.Time writes them: RFC 3339 in UTC, whole seconds.
    public static func time(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }
}
