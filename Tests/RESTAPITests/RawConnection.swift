import Glibc

/// A bare TCP connection to the server, for clients libcurl will not imitate: ones that send half a request and
/// stall. Reads poll without blocking, so the cooperative pool is never held.
final class RawConnection {
    private let descriptor: Int32

    init(port: UInt16) throws {
        self.descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard self.descriptor >= 0 else { throw FixtureError("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(self.descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(self.descriptor)
            throw FixtureError("connect: errno \(errno)")
        }
    }

    deinit {
        close(self.descriptor)
    }

    func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { send(self.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw FixtureError("send: \(sent) of \(bytes.count) bytes, errno \(errno)") }
    }

    /// Whether the server has closed the connection or sent anything, checked without waiting.
    var hasActivity: Bool {
        var descriptor = pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    /// Reads what arrives until the server closes the connection, or `timeout` passes; returns the bytes and
    /// whether the connection was closed.
    func readUntilClosed(timeout: Duration) async throws -> (bytes: [UInt8], closed: Bool) {
        let deadline = ContinuousClock.now + timeout
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            var descriptor = pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 0) > 0 {
                let count = buffer.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress, $0.count, 0) }
                if count <= 0 { return (received, true) }
                received += buffer[0..<count]
                continue
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return (received, false)
    }
}
