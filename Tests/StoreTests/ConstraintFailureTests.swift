import StorageModel
import StoreRecords
import Testing

@testable import Store

@Suite struct ConstraintFailureTests {
    @Test(
        arguments: [
            ("UNIQUE constraint failed: nodes.manage_hostname", "nodes.manage_hostname"),
            ("UNIQUE constraint failed: devices.node_id, devices.name", "devices.node_id, devices.name"),
            ("FOREIGN KEY constraint failed", nil),
        ] as [(String, String?)])
    func columnsAreReadFromUniquenessMessages(message: String, columns: String?) {
        #expect(ConstraintFailure.columns(in: message) == columns)
    }

    @Test func conflictsNameTheFieldAndTheValueFromTheChange() {
        let sample = SampleCluster()
        let node = sample.nodes[0]
        #expect(
            ConstraintFailure.conflict(columns: "nodes.storage_hostname", change: .insertNode(node))
                == .conflict(field: "node.hostnames.storage", value: node.storageHostname))
        #expect(
            ConstraintFailure.conflict(columns: "nodes.id", change: .updateNode(node))
                == .conflict(field: "node.id", value: node.id.description))
        #expect(
            ConstraintFailure.conflict(
                columns: "volumes.cluster_id, volumes.name", change: .insertVolume(sample.volume))
                == .conflict(field: "volume.name", value: "vol1"))
    }

    @Test func aBrickRefersToItsVolumeDeviceNodeAndOperation() {
        let sample = SampleCluster()
        let brick = sample.bricks[0]
        let operation = OperationID(high: 1, low: 2)
        let references = ConstraintFailure.references(of: .insertBrick(brick, pending: operation))
        #expect(references.map(\.kind) == ["volume", "device", "node", "operation"])
        #expect(
            references.map(\.id) == [
                brick.volume.description, brick.device.description, brick.node.description, operation.description,
            ])
        #expect(references[0].sql == "SELECT 1 FROM volumes WHERE id = ?")
    }

    @Test func deletesListTheTablesThatMayHoldChildren() {
        let sample = SampleCluster()
        let dependents = ConstraintFailure.dependents(of: .deleteNode(sample.nodes[0].id))
        #expect(dependents?.kind == "node")
        #expect(dependents?.tables.map(\.table) == ["devices", "bricks"])
        #expect(ConstraintFailure.dependents(of: .deleteBrick(sample.bricks[0].id)) == nil)
    }
}
