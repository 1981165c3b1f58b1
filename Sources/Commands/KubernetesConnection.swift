internal import Foundation
internal import KubernetesAPI

/// Where the operator finds its API server, as kubectl would: `--kubeconfig` or `$KUBECONFIG` or `~/.kube/config`
/// with `--context`; in a pod with none of those given, the pod's service account. One readable line when neither
/// works.
enum KubernetesConnection {
    static func endpoint(
        kubeconfig flag: String?, context: String?, environment: [String: String],
        read: (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }
    ) throws(UsageError) -> KubeEndpoint {
        if flag == nil, environment["KUBECONFIG"] == nil, context == nil,
            let inCluster = KubeEndpoint.inCluster(environment: environment, read: read)
        {
            return inCluster
        }
        let files = KubeEndpoint.configFiles(flag: flag, environment: environment)
        var configs: [KubeConfig] = []
        for file in files {
            guard let text = read(file) else {
                // kubectl skips missing files of a $KUBECONFIG list, but not the one file it was told to use.
                if flag != nil || files.count == 1 { throw UsageError("cannot read the kubeconfig \(file)") }
                continue
            }
            do throws(KubeConfigError) {
                configs.append(try KubeConfig.parse(text, path: file))
            } catch {
                throw UsageError(error.description)
            }
        }
        do throws(KubeConfigError) {
            return try KubeConfig.merged(configs).endpoint(context: context)
        } catch {
            throw UsageError("\(files.joined(separator: ":")): \(error.problem)")
        }
    }
}
