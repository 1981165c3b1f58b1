import StorageModel
import StoreRecords
import Testing

@testable import Store

@Suite struct StoredEntriesTests {
    private func entries(_ sample: SampleCluster, volumePending: OperationID?, nodePending: OperationID? = nil)
        -> StoredEntries
    {
        StoredEntries(
            clusters: [sample.cluster],
            nodes: sample.nodes.enumerated().map { .init(value: $1, pending: $0 == 0 ? nodePending : nil) },
            // Stored `used` is ignored; the topology sums the bricks.
            devices: sample.devices.map {
                var device = $0; device.used = .tebibytes(1); return .init(value: device, pending: nil)
            },
            bricks: sample.bricks.map { .init(value: $0, pending: volumePending) },
            volumes: [.init(value: sample.volume, pending: volumePending)])
    }

    @Test func theFullTopologyDerivesDeviceUsageFromBricks() {
        let sample = SampleCluster()
        let topology = self.entries(sample, volumePending: nil).topology(includingPending: true)
        #expect(topology == sample.expectedTopology)
        #expect(topology.devices.values.allSatisfy { $0.used == SampleCluster.brickReserve })
    }

    @Test func pendingEntriesAndTheirChildrenAreLeftOutOfTheCompleteTopology() {
        let sample = SampleCluster()
        let operation = OperationID(high: 4, low: 2)
        let topology = self.entries(sample, volumePending: nil, nodePending: operation).topology(
            includingPending: false)
        let hiddenNode = sample.nodes[0].id
        #expect(topology.nodes[hiddenNode] == nil)
        #expect(topology.devices[sample.devices[0].id] == nil)
        // The brick on the hidden node goes too, so nothing in the result is an orphan.
        #expect(topology.bricks.values.allSatisfy { $0.node != hiddenNode })
        #expect(topology.bricks.count == 2)
    }

    @Test func entriesPendingForAnOperationComeChildrenFirst() {
        let sample = SampleCluster()
        let operation = OperationID(high: 4, low: 2)
        let entries = self.entries(sample, volumePending: operation, nodePending: operation)
        let listed = entries.entries(pendingFor: operation)
        #expect(listed.count == 5)
        #expect(listed.last == .node(sample.nodes[0].id))
        #expect(listed[3] == .volume(sample.volume.id))
        #expect(entries.entries(pendingFor: OperationID(high: 0, low: 1)).isEmpty)
        #expect(entries.pendingMarkers.count == 5)
    }
}
