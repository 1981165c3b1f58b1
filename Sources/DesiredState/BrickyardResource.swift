/// One of Brickyard's custom resources read from a document or from the API server: a `GlusterCluster` (its nodes
/// are filled in by `DesiredStateParser.merge`), a `GlusterNode` or a `GlusterVolume`.
public enum BrickyardResource: Hashable, Sendable {
    case cluster(DesiredCluster)
    case node(DesiredNode)
    case volume(VolumeClaim)
}
