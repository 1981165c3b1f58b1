internal import HeketiAPI

/// The Kubernetes PersistentVolume heketi-cli's `volume create --persistent-volume` prints: the volume's size and
/// name, ReadWriteMany, Retain, the Endpoints object that lists its servers, and its GID as the supplemental-group
/// annotation.
struct PersistentVolumeObject: Encodable {
    static let gidAnnotation = "pv.beta.kubernetes.io/gid"
    /// heketi-cli's placeholder when no endpoint was named.
    static let endpointPlaceholder = "TYPE ENDPOINT HERE"

    struct Metadata: Encodable {
        var name: String
        var annotations: [String: String]
    }

    struct Spec: Encodable {
        struct Glusterfs: Encodable {
            var endpoints: String
            var path: String
        }

        var capacity: [String: String]
        var glusterfs: Glusterfs
        var accessModes = ["ReadWriteMany"]
        var persistentVolumeReclaimPolicy = "Retain"
    }

    var kind = "PersistentVolume"
    var apiVersion = "v1"
    var metadata: Metadata
    var spec: Spec

    init(volume: VolumeInfoResponse, endpoint: String?) {
        self.metadata = Metadata(
            name: "glusterfs-" + volume.id.prefix(8), annotations: [Self.gidAnnotation: String(volume.gid ?? 0)])
        self.spec = Spec(
            capacity: ["storage": "\(volume.size)Gi"],
            glusterfs: .init(endpoints: endpoint.flatMap { $0.isEmpty ? nil : $0 } ?? Self.endpointPlaceholder, path: volume.name))
    }
}

/// heketi-cli's `volume endpoint patch`: `{"subsets": [...]}` with one address per server of the volume (port 1,
/// which the GlusterFS volume plugin ignores), for `kubectl patch endpoints`.
struct EndpointsPatch: Encodable {
    struct Subset: Encodable {
        struct Address: Encodable {
            var ip: String
        }

        struct Port: Encodable {
            var port = 1
        }

        var addresses: [Address]
        var ports = [Port()]
    }

    var subsets: [Subset]

    init(volume: VolumeInfoResponse) {
        self.subsets = volume.mount.glusterfs.hosts.map { Subset(addresses: [.init(ip: $0)]) }
    }
}
