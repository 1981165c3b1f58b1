import Foundation
import Synchronization

/// The bearer token for each request: a fixed one from a kubeconfig, or a file's content re-read whenever the file
/// changes (its modification time or size), because the kubelet rotates a projected service-account token in place
/// and a cached copy would start failing with 401 within the hour.
final class BearerTokenSource: Sendable {
    private struct Cached {
        var token: String
        var modified: Date?
        var size: Int?
    }

    private let fixed: String?
    private let file: String?
    private let cached = Mutex<Cached?>(nil)

    init(token: String) {
        self.fixed = token
        self.file = nil
    }

    init(file: String) {
        self.fixed = nil
        self.file = file
    }

    /// The current token; throws when the file cannot be read.
    func token() throws(KubernetesError) -> String {
        if let fixed { return fixed }
        guard let file else { return "" }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        let modified = attributes?[.modificationDate] as? Date
        let size = (attributes?[.size] as? NSNumber)?.intValue
        if let cached = self.cached.withLock({ $0 }), cached.modified == modified, cached.size == size, modified != nil {
            return cached.token
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .credentials("cannot read the token file \(file)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        self.cached.withLock { $0 = Cached(token: token, modified: modified, size: size) }
        return token
    }
}
