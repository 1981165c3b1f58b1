internal import DesiredState
internal import Foundation
internal import YAML

/// `brickyard crds`: the CustomResourceDefinitions of GlusterCluster, GlusterNode and GlusterVolume, rendered from
/// the descriptions the documents reader checks against, so the committed manifests are never edited by hand.
struct CRDsCommand {
    static let help = """
        usage: brickyard crds [--output DIR] [--kubernetes-version 1.MINOR]

        Prints the CustomResourceDefinitions of brickyard.io/v1alpha1 (GlusterCluster, GlusterNode, GlusterVolume)
        as one multi-document YAML stream, or with --output writes one file per CRD into DIR
        (glusterclusters.brickyard.io.yaml, glusternodes.brickyard.io.yaml, glustervolumes.brickyard.io.yaml).
        --kubernetes-version is the oldest apiserver the CRDs must load on (default 1.\(ValidationRule.baselineMinor));
        from 1.\(ValidationRule.quantityLibraryMinor) on they carry the validation rules that compare quantities
        (a volume's size only grows, brickSize.min at most brickSize.max), which older apiservers cannot compile.

        example: brickyard crds --output Manifests/crds
        """

    var output: String?
    var kubernetesMinor: Int

    init(arguments: [String]) throws(UsageError) {
        var list = try ArgumentList(arguments, flagNames: [])
        self.output = list.string("output")
        let version = list.string("kubernetes-version") ?? "1.\(ValidationRule.baselineMinor)"
        let parts = version.split(separator: ".")
        guard parts.count == 2, parts[0] == "1", let minor = Int(parts[1]), minor >= ValidationRule.baselineMinor else {
            throw UsageError(
                "option --kubernetes-version: \"\(version)\" must be 1.MINOR, at least 1.\(ValidationRule.baselineMinor)")
        }
        self.kubernetesMinor = minor
        try list.finish()
    }

    func run(emit: (String) -> Void, errors: (String) -> Void) -> Int32 {
        do throws(YAMLError) {
            guard let directory = self.output else {
                var stream = try CustomResourceRenderer.stream(kubernetesMinor: self.kubernetesMinor)
                if stream.hasSuffix("\n") { stream.removeLast() }
                emit(stream)
                return 0
            }
            let files = try CustomResourceRenderer.files(kubernetesMinor: self.kubernetesMinor)
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                for file in files {
                    let path = (directory as NSString).appendingPathComponent(file.name)
                    try Data(file.text.utf8).write(to: URL(fileURLWithPath: path))
                    emit("wrote \(path)")
                }
            } catch {
                errors("brickyard crds: cannot write to \(directory): \(error.localizedDescription)")
                return 1
            }
            return 0
        } catch {
            errors("brickyard crds: \(error)")
            return 1
        }
    }
}
