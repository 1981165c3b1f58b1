public import EventLog
public import Foundation
public import KubernetesAPI
import Synchronization

/// Writes `events.k8s.io/v1` Events. The first occurrence of an event (same object, reason, action, note and
/// severity) creates it; a repeat within `seriesWindow` patches its series instead, as client-go's recorder does.
/// Recording never fails the caller: an event that cannot be written is logged and dropped.
public final class EventRecorder: Sendable {
    private struct Series {
        var name: String
        var count: Int
        var last: Date
    }

    public let controller: String
    public let instance: String
    public let seriesWindow: TimeInterval
    private let client: KubernetesClient
    private let log: Logger
    private let now: @Sendable () -> Date
    private let series = Mutex<[EventObject: Series]>([:])

    public init(
        client: KubernetesClient, controller: String = "brickyard.io/operator", instance: String,
        seriesWindow: TimeInterval = 600, log: Logger = .discarding, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.controller = controller
        self.instance = instance
        self.seriesWindow = seriesWindow
        self.log = log
        self.now = now
    }

    public func record(_ event: EventObject) async {
        let time = self.now()
        let repeated = self.series.withLock { series -> Series? in
            guard var known = series[event], time.timeIntervalSince(known.last) < self.seriesWindow else { return nil }
            known.count += 1
            known.last = time
            series[event] = known
            return known
        }
        do throws(KubernetesError) {
            if let repeated {
                try await self.client.send(
                    .mergePatch(.events, repeated.name, namespace: event.namespace,
                                body: EventObject.seriesPatch(count: repeated.count, time: time)))
                return
            }
            let name = "\(event.regarding.name).\(Self.suffix(time))"
            try await self.client.send(
                .create(.events, namespace: event.namespace,
                        body: event.body(name: name, time: time, controller: self.controller, instance: self.instance)))
            self.series.withLock { series in
                // Forget old series so a long-running operator does not keep every event it ever wrote.
                series = series.filter { time.timeIntervalSince($0.value.last) < self.seriesWindow }
                series[event] = Series(name: name, count: 1, last: time)
            }
        } catch {
            self.log.warning(
                "event.dropped", ("reason", event.reason), ("object", event.regarding.name), ("error", error.description))
        }
    }

    /// A name suffix unique per occurrence, as client-go's (the time in hex nanoseconds).
    private static func suffix(_ time: Date) -> String {
        String(UInt64(max(0, time.timeIntervalSince1970) * 1e9), radix: 16)
    }
}
