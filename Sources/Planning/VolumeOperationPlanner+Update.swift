public import StorageModel
import StoreRecords

extension VolumeOperationPlanner {
    /// Plans an update in place of a volume that exists: validated first (an empty update, an owned option from a
    /// requester, a reset gluster cannot do and a gid out of range are refused before anything is recorded), held
    /// exclusively like an expansion. Nothing is reserved or hidden meanwhile; the stored volume takes the update
    /// when the operation has succeeded (`OperationFinalizer`).
    public func update(_ id: VolumeID, _ update: VolumeUpdate, in topology: Topology) throws(OperationError)
        -> PlannedOperation
    {
        guard topology.volumes[id] != nil else { throw .notFound(kind: "volume", id: id.description) }
        do throws(ValidationError) {
            try update.validate()
        } catch {
            throw .invalid(error)
        }
        return PlannedOperation(
            intent: .updateVolume(id, update), changes: [], plan: VolumePlanner.update(id, update),
            location: "/volumes/\(id)", holds: [.exclusive(.volume(id))])
    }
}
