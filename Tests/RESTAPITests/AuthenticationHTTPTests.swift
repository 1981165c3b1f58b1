import Authentication
import Curl
import HTTPTypes
import HeketiAPI
import Testing

/// JWT checks as a client meets them over HTTP: every refusal is a one-line 401 in Heketi's words.
@Suite struct AuthenticationHTTPTests {
    private func admin(_ server: TestServer, _ method: String, _ path: String, now: Int64? = nil, lifetime: Int64 = 600)
        throws -> String
    {
        try JWTSigner(issuer: "admin", key: TestServer.adminKey)
            .authorization(method: method, path: path, now: now ?? server.now, lifetime: lifetime)
    }

    private func expectRefused(
        _ server: TestServer, _ header: String?, path: String = "/clusters", method: String = "GET",
        containing words: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let response = try await server.admin.send(
            method, path, authorization: header.map(APIClient.Authorization.header) ?? .omitted)
        expectError(response, 401, containing: words, sourceLocation: sourceLocation)
    }

    @Test func missingHeaderOrWrongSchemeIsRefused() async throws {
        try await TestServer.with { server in
            try await self.expectRefused(server, nil, containing: ["Required authorization token not found"])
            try await self.expectRefused(server, "Basic YWRtaW46c2VjcmV0", containing: ["Bearer {token}"])
            let token = String(try self.admin(server, "GET", "/clusters").dropFirst("Bearer ".count))
            try await self.expectRefused(server, "Token \(token)", containing: ["Bearer {token}"])
            try await self.expectRefused(server, "Bearer", containing: ["Bearer {token}"])
            try await self.expectRefused(server, "Bearer not.a-token", containing: ["Invalid JWT token"])
        }
    }

    @Test(arguments: ["Bearer", "bearer", "BEARER"])
    func schemeIsCaseInsensitive(scheme: String) async throws {
        try await TestServer.with { server in
            let token = String(try self.admin(server, "GET", "/clusters").dropFirst("Bearer ".count))
            let response = try await server.admin.send("GET", "/clusters", authorization: .header("\(scheme) \(token)"))
            #expect(response.status == 200)
        }
    }

    @Test func algNoneIsRefused() async throws {
        try await TestServer.with { server in
            let payload = TokenForge.claims(
                iat: server.now, exp: server.now + 600, qsh: try TokenForge.qsh("GET", "/clusters"))
            let none = TokenForge.unsigned(header: TokenForge.header(alg: "none"), payload: payload)
            try await self.expectRefused(server, "Bearer \(none)", containing: ["Unexpected signing method: none"])
            // The same claims signed properly pass: only the algorithm was wrong.
            let good = try TokenForge.signed(payload: payload, key: TestServer.adminKey)
            #expect(
                try await server.admin.send("GET", "/clusters", authorization: .header("Bearer \(good)")).status == 200)
        }
    }

    @Test func unknownIssuerAndWrongKeyAreRefused() async throws {
        try await TestServer.with { server in
            let root = try JWTSigner(issuer: "root", key: TestServer.adminKey)
                .authorization(method: "GET", path: "/clusters", now: server.now)
            try await self.expectRefused(server, root, containing: ["Unknown user"])
            let wrongKey = try JWTSigner(issuer: "admin", key: "guess")
                .authorization(method: "GET", path: "/clusters", now: server.now)
            try await self.expectRefused(server, wrongKey, containing: ["signature is invalid"])
            // A user token signed with the admin key is as wrong as any other key.
            let crossed = try JWTSigner(issuer: "user", key: TestServer.adminKey)
                .authorization(method: "GET", path: "/volumes", now: server.now)
            try await self.expectRefused(server, crossed, path: "/volumes", containing: ["signature is invalid"])
        }
    }

    @Test func expiryIsMandatoryWithoutLeeway() async throws {
        try await TestServer.with { server in
            let expired = try self.admin(server, "GET", "/clusters", now: server.now - 601, lifetime: 600)
            try await self.expectRefused(server, expired, containing: ["Token is expired by 1s"])
            let lastSecond = try self.admin(server, "GET", "/clusters", now: server.now - 600, lifetime: 600)
            #expect(try await server.admin.send("GET", "/clusters", authorization: .header(lastSecond)).status == 200)
            let noExp = try TokenForge.signed(
                payload: TokenForge.claims(iat: server.now, exp: nil, qsh: try TokenForge.qsh("GET", "/clusters")),
                key: TestServer.adminKey)
            try await self.expectRefused(server, "Bearer \(noExp)", containing: ["Token missing exp claim"])
        }
    }

    @Test(arguments: [(60, 200), (120, 200), (121, 401), (3600, 401)])
    func issuedAtMayLeadByTwoMinutes(lead: Int64, status: Int) async throws {
        try await TestServer.with { server in
            let header = try self.admin(server, "GET", "/clusters", now: server.now + lead)
            let response = try await server.admin.send("GET", "/clusters", authorization: .header(header))
            #expect(response.status == status, "iat \(lead) s ahead: \(response.bodyText)")
            if status == 401 { expectError(response, 401, containing: ["Token used before issued"]) }
        }
    }

    @Test func queryHashBindsMethodAndPath() async throws {
        try await TestServer.with { server in
            let forClusters = try self.admin(server, "GET", "/clusters")
            try await self.expectRefused(
                server, forClusters, path: "/volumes", containing: ["Invalid qsh claim in token"])
            let forGet = try self.admin(server, "GET", "/clusters")
            try await self.expectRefused(
                server, forGet, method: "POST", containing: ["Invalid qsh claim in token"])
            let noQsh = try TokenForge.signed(
                payload: TokenForge.claims(iat: server.now, exp: server.now + 60, qsh: nil), key: TestServer.adminKey)
            try await self.expectRefused(server, "Bearer \(noQsh)", containing: ["Invalid qsh claim in token"])
        }
    }

    @Test func queryHashIgnoresTheQueryString() async throws {
        try await TestServer.with { server in
            let pathOnly = try self.admin(server, "GET", "/clusters")
            let response = try await server.admin.send(
                "GET", "/clusters?verbose=1&x=y", authorization: .header(pathOnly))
            #expect(response.status == 200)
            // A hash that covered the query is not what the server computes.
            let withQuery = try TokenForge.signed(
                payload: TokenForge.claims(
                    iat: server.now, exp: server.now + 60, qsh: try TokenForge.qsh("GET", "/clusters?verbose=1")),
                key: TestServer.adminKey)
            try await self.expectRefused(
                server, "Bearer \(withQuery)", path: "/clusters?verbose=1", containing: ["Invalid qsh claim in token"])
        }
    }

    @Test func userMayCreateReadAndPollVolumesOnly() async throws {
        try await TestServer.with { server in
            _ = try await server.admin.makeCluster()
            let user = server.user
            let accepted = try await user.post("/volumes", StatusCodeTests.replica3)
            #expect(accepted.status == 202)
            let volume = try APIClient.id(from: try await user.follow(accepted), under: "/volumes/")
            #expect(try await user.fetch(VolumeListResponse.self, "/volumes").volumes == [volume])
            #expect(try await user.fetch(VolumeInfoResponse.self, "/volumes/\(volume)").id == volume)

            for (method, path) in [
                ("POST", "/clusters"), ("GET", "/clusters"), ("DELETE", "/volumes/\(volume)"),
                ("POST", "/volumes/\(volume)/expand"), ("GET", "/db/dump"), ("POST", "/admin"),
                ("GET", "/operations"),
            ] {
                let response = try await user.send(method, path, body: method == "POST" ? "{}" : nil)
                expectError(response, 401, containing: ["Administrator access required"])
            }
            #expect(try await server.admin.fetch(VolumeListResponse.self, "/volumes").volumes == [volume])
        }
    }

    @Test func helloAndMetricsNeedNoToken() async throws {
        try await TestServer.with { server in
            let anonymous = server.client(.anonymous)
            let hello = try await anonymous.get("/hello")
            #expect(hello.status == 200)
            #expect(hello.bodyText.contains("Hello"))
            #expect(try await anonymous.get("/metrics").status == 200)
            expectError(try await anonymous.get("/clusters"), 401)
            // An id that is not hex still needs a token before it is called unknown.
            expectError(try await anonymous.get("/volumes/xyz"), 401)
        }
    }
}
