/// A self-signed P-256 certificate for 127.0.0.1 (valid 2000–2100) and its key, for HTTPS over loopback.
enum TLSFixture {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBfzCCASWgAwIBAgICEAAwCgYIKoZIzj0EAwIwFDESMBAGA1UEAwwJMTI3LjAu
        MC4xMCAXDTAwMDEwMTAwMDAwMFoYDzIxMDAwMTAxMDAwMDAwWjAUMRIwEAYDVQQD
        DAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATGcZIvhoLLOc7E
        yHXJzURm5q49r5tk/GoBjKSdbTsw78KV/DVi6xbRPe4J4fO4Jlb3sJe/3aW7QgHl
        dEUA8ujKo2UwYzAPBgNVHREECDAGhwR/AAABMA8GA1UdEwEB/wQFMAMBAf8wCwYD
        VR0PBAQDAgKEMBMGA1UdJQQMMAoGCCsGAQUFBwMBMB0GA1UdDgQWBBSUZGOTEXsw
        H0CVmDE679GmWGh/3DAKBggqhkjOPQQDAgNIADBFAiAxn0I2AY0RXjEwCc3T/h8D
        Z912s4AEgf/ZNl8K2QZFaAIhAKDLRCAwfBsrJQ5qzfQLKxjWDrCwE6L0W8kNoM1Y
        KdfU
        -----END CERTIFICATE-----

        """

    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgR//InUeiCVCqzRRe
        PNGd/XBRZ1NsJwYGV4fjd2m/sX2hRANCAATGcZIvhoLLOc7EyHXJzURm5q49r5tk
        /GoBjKSdbTsw78KV/DVi6xbRPe4J4fO4Jlb3sJe/3aW7QgHldEUA8ujK
        -----END PRIVATE KEY-----

        """
}
