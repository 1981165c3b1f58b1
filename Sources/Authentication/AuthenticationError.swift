public import Crypto

/// Why a request's credentials were refused. Each case carries the facts; `description` is the one-line body of
/// the 401 response and follows Heketi's texts (its JWT middleware, jwt-go and go-jwt-middleware) wherever Heketi
/// has one, so scripts that match on Heketi's messages keep working.
public enum AuthenticationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `Authorization` header, or an empty one.
    case missingAuthorization
    /// The header is not `Bearer <token>` (the scheme is matched case-insensitively).
    case malformedAuthorization
    /// The token does not have three dot-separated segments.
    case malformedToken(segmentCount: Int)
    /// A segment is not unpadded (or padded) base64url.
    case invalidBase64(TokenSegment)
    /// The header or payload does not decode to a JSON object.
    case invalidJSON(TokenSegment)
    /// The header has no `alg`, or it is not a string.
    case missingAlgorithm
    /// The header names an algorithm other than HS256, HS384 or HS512, such as `none` or `RS256`.
    case unsupportedAlgorithm(String)
    /// A registered claim has the wrong JSON type, such as `exp` given as a string.
    case invalidClaimType(claim: String, expected: String)
    /// No `iss` claim, or an empty one.
    case missingIssuer
    /// `iss` is neither `admin` nor `user`, or names a role that has no key configured.
    case unknownIssuer(String)
    /// The signature does not match the issuer's key.
    case invalidSignature
    /// No `exp` claim; Heketi makes expiry mandatory.
    case missingExpiration
    /// `exp` is not after `now`.
    case expired(expiresAt: Int64, now: Int64)
    /// `iat` is further in the future than the allowed clock skew.
    case issuedInFuture(issuedAt: Int64, now: Int64)
    /// `nbf` (optional) is still in the future.
    case notYetValid(notBefore: Int64, now: Int64)
    /// No `qsh` claim.
    case missingQueryHash
    /// `qsh` was computed for another method or path.
    case queryHashMismatch(method: String, path: String)
    /// The token is valid but its role may not perform this request.
    case administratorRequired(method: String, path: String)
    /// libcrypto failed while checking the token: a server fault, not a bad credential.
    case cryptographyFailed(CryptoError)

    /// The HTTP status to answer with: 401 for every refused credential, as Heketi does (Heketi answers a
    /// malformed `Authorization` header with 400; Brickyard keeps all credential failures at 401), and 500 when
    /// the server itself could not compute a MAC or digest.
    public var httpStatus: Int {
        switch self {
        case .cryptographyFailed: 500
        default: 401
        }
    }

    public var description: String {
        switch self {
        case .missingAuthorization:
            "Required authorization token not found"
        case .malformedAuthorization:
            "Authorization header format must be Bearer {token}"
        case .malformedToken:
            "Invalid JWT token: token contains an invalid number of segments"
        case .invalidBase64(let segment):
            "Invalid JWT token: \(segment.rawValue) is not valid base64url"
        case .invalidJSON(let segment):
            "Invalid JWT token: \(segment.rawValue) is not a JSON object"
        case .missingAlgorithm:
            "Invalid JWT token: signing method (alg) is unspecified."
        case .unsupportedAlgorithm(let algorithm):
            "Invalid JWT token: Unexpected signing method: \(algorithm)"
        case .invalidClaimType(let claim, let expected):
            "Invalid JWT token: claim \(claim) must be \(expected)"
        case .missingIssuer:
            "Invalid JWT token: Token missing iss claim"
        case .unknownIssuer:
            "Invalid JWT token: Unknown user"
        case .invalidSignature:
            "Invalid JWT token: signature is invalid (client and server secrets may not match)"
        case .missingExpiration:
            "Invalid JWT token: Token missing exp claim"
        case .expired(let expiresAt, let now):
            // `exp` is attacker-chosen, so the overrun may not fit in an Int64; such a token is "very" expired.
            "Invalid JWT token: Token is expired by \(Self.goDuration(seconds: Self.overrun(now, expiresAt)))"
        case .issuedInFuture:
            "Invalid JWT token: Token used before issued (client and server clocks may differ)"
        case .notYetValid:
            "Invalid JWT token: token is not valid yet"
        case .missingQueryHash, .queryHashMismatch:
            "Invalid qsh claim in token"
        case .administratorRequired:
            "Administrator access required"
        case .cryptographyFailed(let error):
            "Cannot verify JWT token: \(error)"
        }
    }

    /// Returns `now - expiresAt`, saturating instead of trapping.
    private static func overrun(_ now: Int64, _ expiresAt: Int64) -> Int64 {
        let (difference, overflow) = now.subtractingReportingOverflow(expiresAt)
        return overflow ? (now > expiresAt ? .max : .min) : difference
    }

    /// Formats whole seconds the way Go's `time.Duration.String` does (`0s`, `45s`, `2m5s`, `1h0m0s`), because
    /// Heketi's expiry message prints the overrun with it.
    static func goDuration(seconds: Int64) -> String {
        let sign = seconds < 0 ? "-" : ""
        let total = seconds.magnitude
        let hours = total / 3600
        let minutes = total % 3600 / 60
        let rest = total % 60
        if hours > 0 {
            return "\(sign)\(hours)h\(minutes)m\(rest)s"
        }
        if minutes > 0 {
            return "\(sign)\(minutes)m\(rest)s"
        }
        return "\(sign)\(rest)s"
    }
}
