import CMicroHTTPD
internal import HTTPTypes

/// Turns an `HTTPServerResponse` into a libmicrohttpd response and queues it (`MHD_create_response_from_buffer`,
/// or `MHD_create_response_from_callback` for a stream, `MHD_add_response_header`, `MHD_queue_response`).
enum MHDResponder {
    /// Queues `response`, or a 500 if libmicrohttpd rejects its status or one of its header fields.
    static func queue(_ response: HTTPServerResponse, on connection: OpaquePointer, _ core: HTTPServerCore)
        -> MHD_Result
    {
        if let result = Self.tryQueue(response, on: connection, core) {
            return result
        }
        return Self.tryQueue(.text("invalid response from handler\n", status: 500), on: connection, core) ?? .NO
    }

    /// Returns `nil` when the response could not be built, so the caller can fall back to a 500.
    private static func tryQueue(
        _ response: HTTPServerResponse, on connection: OpaquePointer, _ core: HTTPServerCore
    ) -> MHD_Result? {
        guard (100...999).contains(response.status) else {
            core.log("handler returned invalid HTTP status \(response.status)")
            return nil
        }
        let streaming = response.stream.map { _ in StreamingBody(connection: connection, core: core) }
        guard let created = Self.create(response, streaming: streaming, core) else {
            return nil
        }
        defer { MHD_destroy_response(created) }
        for field in response.headers where !HTTPHeaders.sameName(field.name, "Content-Length") {
            guard MHD_add_response_header(created, field.name, field.value) == .YES else {
                core.log("MHD_add_response_header rejected header field \"\(field.name)\"")
                return nil
            }
        }
        let queued = MHD_queue_response(connection, UInt32(response.status), created)
        if queued == .YES, let streaming, let stream = response.stream {
            core.streamOpened(streaming)
            streaming.start(stream)
        }
        return queued
    }

    /// A response over a copy of the body, or over the content reader of `streaming`, which then belongs to
    /// libmicrohttpd until its free callback runs.
    private static func create(
        _ response: HTTPServerResponse, streaming: StreamingBody?, _ core: HTTPServerCore
    ) -> OpaquePointer? {
        guard let streaming else {
            let created = response.body.withUnsafeBytes { body in
                MHD_create_response_from_buffer(
                    body.count, UnsafeMutableRawPointer(mutating: body.baseAddress), .RESPMEM_MUST_COPY)
            }
            if created == nil {
                core.log("MHD_create_response_from_buffer failed for \(response.body.count) bytes")
            }
            return created
        }
        let context = Unmanaged.passRetained(streaming).toOpaque()
        let created = MHD_create_response_from_callback(
            StreamingBody.unknownSize, StreamingBody.blockSize,
            { context, _, buffer, capacity in
                guard let context, let buffer else {
                    return StreamingBody.endWithError
                }
                return Unmanaged<StreamingBody>.fromOpaque(context).takeUnretainedValue()
                    .read(into: buffer, capacity: capacity)
            }, context,
            { context in
                guard let context else {
                    return
                }
                Unmanaged<StreamingBody>.fromOpaque(context).takeRetainedValue().released()
            })
        if created == nil {
            Unmanaged<StreamingBody>.fromOpaque(context).release()
            core.log("MHD_create_response_from_callback failed")
        }
        return created
    }
}
