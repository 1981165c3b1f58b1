public import DesiredState

/// One Kubernetes-style condition (`type`, `status`, `reason`, `message`, `lastTransitionTime`,
/// `observedGeneration`), as the API conventions define them: the transition time changes only when `status` does.
public struct StatusCondition: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case ready = "Ready"
        case progressing = "Progressing"
        case degraded = "Degraded"
    }

    public var type: Kind
    /// `True` or `False`.
    public var status: String
    /// CamelCase, as Kubernetes wants it.
    public var reason: String
    public var message: String
    /// Seconds since the epoch.
    public var lastTransitionTime: Int64
    public var observedGeneration: Int64

    public init(
        type: Kind, status: Bool, reason: String, message: String, lastTransitionTime: Int64, observedGeneration: Int64
    ) {
        self.type = type
        self.status = status ? "True" : "False"
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.observedGeneration = observedGeneration
    }

    public var isTrue: Bool { self.status == "True" }
}

/// Where a claim stands, as its source shows it and `brickyard status` lists it: the three conditions, the volume it
/// has (when it has one), the last error and when it is retried. Every claim has one, including a claim that keeps
/// failing (too big for the cluster), so nothing is visible only in the log.
public struct ClaimStatus: Hashable, Sendable, Codable {
    /// How the last reconcile of the claim ended.
    public enum Outcome: Hashable, Sendable {
        /// The volume is as the claim asks.
        case ready(volume: String, message: String)
        /// Steps are running for it.
        case progressing(message: String)
        /// A step failed; retried at `retryAt` (seconds since the epoch).
        case failed(reason: String, message: String, retryAt: Int64?)
        /// The claim asks for what cannot be done; retried only when the claim (or the store) changes.
        case refused(reason: String, message: String)
    }

    public var claim: ClaimReference
    /// The Gluster volume's name and id, once it exists.
    public var volumeName: String
    public var volume: String?
    public var conditions: [StatusCondition]
    public var lastError: String?
    /// Seconds since the epoch.
    public var nextRetry: Int64?
    public var observedGeneration: Int64

    public init(claim: ClaimReference, volumeName: String) {
        self.claim = claim
        self.volumeName = volumeName
        self.conditions = []
        self.observedGeneration = 0
    }

    public func condition(_ kind: StatusCondition.Kind) -> StatusCondition? {
        self.conditions.first { $0.type == kind }
    }

    /// `Ready`, `Progressing` or `Degraded`: the first condition that is true, in that order of weight (degraded
    /// first: a failing claim is not ready even while a retry runs).
    public var phase: StatusCondition.Kind {
        if self.condition(.degraded)?.isTrue == true { return .degraded }
        if self.condition(.progressing)?.isTrue == true { return .progressing }
        return self.condition(.ready)?.isTrue == true ? .ready : .progressing
    }

    /// This status after `outcome`, at `now`, for the claim's `generation`: each condition keeps its transition time
    /// unless its status flips. The volume is remembered from the last outcome that named one.
    public func after(_ outcome: Outcome, generation: Int64, at now: Int64) -> ClaimStatus {
        var next = self
        next.observedGeneration = generation
        let ready: (Bool, String, String)
        let progressing: (Bool, String, String)
        let degraded: (Bool, String, String)
        switch outcome {
        case .ready(let volume, let message):
            next.volume = volume
            next.lastError = nil
            next.nextRetry = nil
            ready = (true, "VolumeReady", message)
            progressing = (false, "Idle", "")
            degraded = (false, "AsAsked", "")
        case .progressing(let message):
            ready = (false, "Reconciling", message)
            progressing = (true, "Reconciling", message)
            degraded = (self.condition(.degraded)?.isTrue ?? false, self.condition(.degraded)?.reason ?? "AsAsked",
                self.condition(.degraded)?.message ?? "")
        case .failed(let reason, let message, let retryAt):
            next.lastError = message
            next.nextRetry = retryAt
            ready = (false, reason, message)
            progressing = (false, "RetryScheduled", retryAt == nil ? "" : "retried after a backoff")
            degraded = (true, reason, message)
        case .refused(let reason, let message):
            next.lastError = message
            next.nextRetry = nil
            ready = (false, reason, message)
            progressing = (false, "Refused", "changed only when the claim is")
            degraded = (true, reason, message)
        }
        next.conditions = [
            self.transition(.ready, ready, generation: generation, at: now),
            self.transition(.progressing, progressing, generation: generation, at: now),
            self.transition(.degraded, degraded, generation: generation, at: now),
        ]
        return next
    }

    private func transition(
        _ kind: StatusCondition.Kind, _ value: (status: Bool, reason: String, message: String), generation: Int64,
        at now: Int64
    ) -> StatusCondition {
        let previous = self.condition(kind)
        let since = previous.map { $0.isTrue == value.status ? $0.lastTransitionTime : now } ?? now
        return StatusCondition(
            type: kind, status: value.status, reason: value.reason, message: value.message, lastTransitionTime: since,
            observedGeneration: generation)
    }
}
