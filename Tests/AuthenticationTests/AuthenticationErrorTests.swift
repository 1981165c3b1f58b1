import Authentication
import Crypto
import Testing

@Suite struct AuthenticationErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var error: AuthenticationError
        var text: String
        var testDescription: String { self.text }
    }

    static let cases: [Case] = [
        Case(error: .missingAuthorization, text: "Required authorization token not found"),
        Case(error: .malformedAuthorization, text: "Authorization header format must be Bearer {token}"),
        Case(
            error: .malformedToken(segmentCount: 1),
            text: "Invalid JWT token: token contains an invalid number of segments"),
        Case(error: .invalidBase64(.payload), text: "Invalid JWT token: payload is not valid base64url"),
        Case(error: .invalidJSON(.header), text: "Invalid JWT token: header is not a JSON object"),
        Case(error: .missingAlgorithm, text: "Invalid JWT token: signing method (alg) is unspecified."),
        Case(error: .unsupportedAlgorithm("none"), text: "Invalid JWT token: Unexpected signing method: none"),
        Case(
            error: .invalidClaimType(claim: "exp", expected: "an integer number of seconds"),
            text: "Invalid JWT token: claim exp must be an integer number of seconds"),
        Case(error: .missingIssuer, text: "Invalid JWT token: Token missing iss claim"),
        Case(error: .unknownIssuer("bob"), text: "Invalid JWT token: Unknown user"),
        Case(
            error: .invalidSignature,
            text: "Invalid JWT token: signature is invalid (client and server secrets may not match)"),
        Case(error: .missingExpiration, text: "Invalid JWT token: Token missing exp claim"),
        Case(error: .expired(expiresAt: 100, now: 100), text: "Invalid JWT token: Token is expired by 0s"),
        Case(error: .expired(expiresAt: 100, now: 145), text: "Invalid JWT token: Token is expired by 45s"),
        Case(error: .expired(expiresAt: 100, now: 225), text: "Invalid JWT token: Token is expired by 2m5s"),
        Case(error: .expired(expiresAt: 0, now: 3_600), text: "Invalid JWT token: Token is expired by 1h0m0s"),
        Case(error: .expired(expiresAt: 0, now: 90_061), text: "Invalid JWT token: Token is expired by 25h1m1s"),
        Case(
            error: .expired(expiresAt: .min, now: 1),
            text: "Invalid JWT token: Token is expired by 2562047788015215h30m7s"),
        Case(
            error: .issuedInFuture(issuedAt: 200, now: 0),
            text: "Invalid JWT token: Token used before issued (client and server clocks may differ)"),
        Case(error: .notYetValid(notBefore: 1, now: 0), text: "Invalid JWT token: token is not valid yet"),
        Case(error: .missingQueryHash, text: "Invalid qsh claim in token"),
        Case(error: .queryHashMismatch(method: "GET", path: "/"), text: "Invalid qsh claim in token"),
        Case(error: .administratorRequired(method: "GET", path: "/clusters"), text: "Administrator access required"),
        Case(
            error: .cryptographyFailed(CryptoError(function: "HMAC", reason: "out of memory")),
            text: "Cannot verify JWT token: HMAC failed: out of memory"),
    ]

    @Test(arguments: Self.cases)
    func descriptionIsTheOneLine401Body(_ example: Case) {
        #expect(example.error.description == example.text)
        #expect(!example.error.description.contains("\n"))
    }

    @Test(arguments: Self.cases)
    func credentialFailuresAre401AndCryptoFailuresAre500(_ example: Case) {
        if case .cryptographyFailed = example.error {
            #expect(example.error.httpStatus == 500)
        } else {
            #expect(example.error.httpStatus == 401)
        }
    }
}
