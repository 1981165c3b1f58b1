import Foundation

/// The registered claims Heketi reads from a token's payload; others (`sub`, `aud`, private claims) are ignored.
///
/// Decoding is strict about types, as Heketi's Go struct is: the times must be JSON integers (NumericDate in whole
/// seconds; an integral value written as `1.7e9` is accepted) and `iss`/`qsh` must be strings. `null` counts as
/// absent.
struct TokenClaims: Decodable {
    var issuer: String?
    var issuedAt: Int64?
    var expiresAt: Int64?
    var notBefore: Int64?
    var queryHash: String?

    private enum CodingKeys: String, CodingKey {
        case issuer = "iss"
        case issuedAt = "iat"
        case expiresAt = "exp"
        case notBefore = "nbf"
        case queryHash = "qsh"
    }

    /// Thrown from `init(from:)` so the claim's name survives: the JSON decoder reports a number that does not fit
    /// an `Int64` without a coding path.
    private struct WrongType: Error {
        var claim: String
        var expected: String
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.issuer = try Self.string(container, .issuer)
        self.issuedAt = try Self.seconds(container, .issuedAt)
        self.expiresAt = try Self.seconds(container, .expiresAt)
        self.notBefore = try Self.seconds(container, .notBefore)
        self.queryHash = try Self.string(container, .queryHash)
    }

    private static func string(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String? {
        do {
            return try container.decodeIfPresent(String.self, forKey: key)
        } catch {
            throw WrongType(claim: key.rawValue, expected: "a string")
        }
    }

    private static func seconds(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Int64? {
        do {
            return try container.decodeIfPresent(Int64.self, forKey: key)
        } catch {
            throw WrongType(claim: key.rawValue, expected: "an integer number of seconds")
        }
    }

    /// Decodes the payload JSON, naming the claim whose type is wrong.
    static func decode(fromJSON bytes: [UInt8]) throws(AuthenticationError) -> TokenClaims {
        do {
            return try JSONDecoder().decode(TokenClaims.self, from: Data(bytes))
        } catch let error as WrongType {
            throw .invalidClaimType(claim: error.claim, expected: error.expected)
        } catch {
            throw .invalidJSON(.payload)
        }
    }

    /// Checks the time claims against `now` (Unix seconds): `exp` is mandatory and has no leeway (a token whose
    /// `exp` equals `now` is expired, RFC 7519 §4.1.4); `iat` may lead `now` by at most `issuedAtLeeway` seconds of
    /// clock skew, as in Heketi; `nbf` is optional and checked when present.
    ///
    /// A token is valid through the second of its `exp`, as in Heketi (jwt-go): Heketi's Python client signs
    /// with `exp = iat + 1`, and a stricter rule would refuse its tokens whenever a second boundary passes.
    func validateTimes(now: Int64, issuedAtLeeway: Int64) throws(AuthenticationError) {
        guard let expiresAt = self.expiresAt else {
            throw .missingExpiration
        }
        guard now <= expiresAt else {
            throw .expired(expiresAt: expiresAt, now: now)
        }
        if let issuedAt = self.issuedAt {
            // Claims are attacker-chosen, so the difference may overflow; an overflowing lead is simply too far.
            let (lead, overflow) = issuedAt.subtractingReportingOverflow(now)
            if overflow ? issuedAt > now : lead > issuedAtLeeway {
                throw .issuedInFuture(issuedAt: issuedAt, now: now)
            }
        }
        if let notBefore = self.notBefore, now < notBefore {
            throw .notYetValid(notBefore: notBefore, now: now)
        }
    }
}
