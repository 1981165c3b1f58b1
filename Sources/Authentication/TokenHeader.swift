import Foundation

/// The JOSE header of a token. Only `alg` matters: Heketi ignores `typ`, `kid` and the rest, and so do we.
struct TokenHeader: Decodable {
    /// The `alg` value, or `nil` when it is absent or not a string (jwt-go treats both as "unspecified").
    var algorithm: String?

    private enum CodingKeys: String, CodingKey {
        case algorithm = "alg"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.algorithm = try? container.decodeIfPresent(String.self, forKey: .algorithm)
    }

    /// Decodes the header JSON and resolves its algorithm, refusing anything but HMAC.
    static func algorithm(fromJSON bytes: [UInt8]) throws(AuthenticationError) -> JWTAlgorithm {
        let header: TokenHeader
        do {
            header = try JSONDecoder().decode(TokenHeader.self, from: Data(bytes))
        } catch {
            throw .invalidJSON(.header)
        }
        guard let name = header.algorithm else {
            throw .missingAlgorithm
        }
        guard let algorithm = JWTAlgorithm(rawValue: name) else {
            throw .unsupportedAlgorithm(name)
        }
        return algorithm
    }
}
