import Configuration
import Testing

@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:8080", "127.0.0.1", 8080),
        ("0.0.0.0:0", "0.0.0.0", 0),
        ("localhost:1", "localhost", 1),
        ("[::1]:65535", "::1", 65535),
        ("[::]:8080", "::", 8080),
        ("storage-1.example.com:443", "storage-1.example.com", 443),
    ])
    func parsesAndPrintsBack(text: String, host: String, port: Int) {
        let address = ListenAddress(text)
        #expect(address == ListenAddress(host: host, port: port))
        #expect(address?.description == text)
    }

    @Test(arguments: ["", "8080", ":8080", "::1:8080", "[::1]", "[::1]:", "[host]:80", "a b:80", "1.2.3.4:65536"])
    func rejects(text: String) {
        #expect(ListenAddress(text) == nil)
    }

    @Test(arguments: [
        ("127.0.0.1", true), ("127.255.0.9", true), ("localhost", true), ("LOCALHOST", true), ("::1", true),
        ("0.0.0.0", false), ("::", false), ("10.0.0.1", false), ("127.example.com", false), ("128.0.0.1", false),
        ("storage.local", false),
    ])
    func knowsLoopback(host: String, isLoopback: Bool) {
        #expect(ListenAddress(host: host, port: 8080).isLoopback == isLoopback)
    }
}
