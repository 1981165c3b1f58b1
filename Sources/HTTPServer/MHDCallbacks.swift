import CMicroHTTPD
internal import HTTPTypes

/// The libmicrohttpd callbacks: they run on libmicrohttpd's polling threads, accumulate each request, and bridge
/// to the async handler by suspending the connection while a Swift task runs it.
///
/// A request goes through the access handler several times: once after its header (413 now if `Content-Length`
/// is over the limit), once per body chunk, once when the body is complete (suspend, start the handler task), and
/// once after the task resumes the connection (queue the stored response).
enum MHDCallbacks {
    /// `MHD_OPTION_URI_LOG_CALLBACK`: creates the request's context, which libmicrohttpd then passes as `req_cls`.
    static func requestStarted(core: UnsafeMutableRawPointer?, uri: UnsafePointer<CChar>?) -> UnsafeMutableRawPointer? {
        guard let core else {
            return nil
        }
        Unmanaged<HTTPServerCore>.fromOpaque(core).takeUnretainedValue().requestOpened()
        let context = RequestContext(rawURI: uri.map { String(cString: $0) } ?? "")
        return Unmanaged.passRetained(context).toOpaque()
    }

    /// `MHD_OPTION_NOTIFY_COMPLETED`: releases the context retained by `requestStarted`, whatever the outcome.
    static func requestCompleted(
        core: UnsafeMutableRawPointer?, requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) {
        guard let core, let requestContext, let raw = requestContext.pointee else {
            return
        }
        requestContext.pointee = nil
        let server = Unmanaged<HTTPServerCore>.fromOpaque(core).takeUnretainedValue()
        let context = Unmanaged<RequestContext>.fromOpaque(raw).takeRetainedValue()
        if context.handlerStarted {
            server.endHandler()
        }
        server.requestClosed()
    }

    /// The `MHD_AccessHandlerCallback`.
    static func access(
        core: UnsafeMutableRawPointer?, connection: OpaquePointer?, url: UnsafePointer<CChar>?,
        method: UnsafePointer<CChar>?, uploadData: UnsafePointer<CChar>?, uploadDataSize: UnsafeMutablePointer<Int>?,
        requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> MHD_Result {
        guard let core, let connection, let raw = requestContext?.pointee else {
            return .NO
        }
        let server = Unmanaged<HTTPServerCore>.fromOpaque(core).takeUnretainedValue()
        let context = Unmanaged<RequestContext>.fromOpaque(raw).takeUnretainedValue()
        switch context.phase {
        case .new:
            if let declared = Self.contentLength(of: connection), declared > UInt64(server.maxBodyBytes) {
                context.phase = .responded
                return MHDResponder.queue(.text("request body too large\n", status: 413), on: connection, server)
            }
            context.phase = .receiving
            return .YES
        case .receiving:
            if let uploadDataSize, uploadDataSize.pointee > 0 {
                Self.receive(uploadData, count: uploadDataSize.pointee, into: context, limit: server.maxBodyBytes)
                uploadDataSize.pointee = 0
                return .YES
            }
            if context.bodyTooLarge {
                context.phase = .responded
                return MHDResponder.queue(.text("request body too large\n", status: 413), on: connection, server)
            }
            guard server.beginHandler() else {
                context.phase = .responded
                var unavailable = HTTPServerResponse.text("server is shutting down\n", status: 503)
                unavailable.headers.set(name: "Connection", value: "close")
                return MHDResponder.queue(unavailable, on: connection, server)
            }
            context.handlerStarted = true
            context.phase = .handling
            let request = HTTPServerRequest(
                method: method.map { String(cString: $0) } ?? "GET", path: url.map { String(cString: $0) } ?? "/",
                rawQuery: context.rawQuery, headers: Self.headers(of: connection), body: context.body,
                remoteAddress: CMicroHTTPD_client_address(connection).flatMap(SocketAddress.host(of:)))
            context.body = []
            Self.run(request, for: connection, server: server, slot: context.slot)
            return .YES
        case .handling:
            guard let response = context.slot.take() else {
                return .YES
            }
            context.phase = .responded
            return MHDResponder.queue(response, on: connection, server)
        case .responded:
            // After an early 413 any body that still arrives is discarded.
            uploadDataSize?.pointee = 0
            return .YES
        }
    }

    /// Suspends the connection and runs the handler on a Swift task, which stores the response and resumes it.
    private static func run(
        _ request: HTTPServerRequest, for connection: OpaquePointer, server: HTTPServerCore,
        slot: RequestContext.Slot
    ) {
        MHD_suspend_connection(connection)
        let suspended = SuspendedConnection(pointer: connection)
        Task {
            let response = await server.handler(request)
            slot.store(response)
            MHD_resume_connection(suspended.pointer)
        }
    }

    /// Appends a body chunk, or once the limit is passed drops the body and swallows the rest for a 413.
    private static func receive(
        _ data: UnsafePointer<CChar>?, count: Int, into context: RequestContext, limit: Int
    ) {
        guard !context.bodyTooLarge else {
            return
        }
        guard context.body.count + count <= limit else {
            context.bodyTooLarge = true
            context.body = []
            return
        }
        if let data {
            context.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: count))
        }
    }

    private static func contentLength(of connection: OpaquePointer) -> UInt64? {
        MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length")
            .flatMap { UInt64(String(cString: $0)) }
    }

    /// Collects the request header fields with `MHD_get_connection_values`.
    private static func headers(of connection: OpaquePointer) -> HTTPHeaders {
        var fields: [(name: String, value: String)] = []
        withUnsafeMutablePointer(to: &fields) { pointer in
            _ = MHD_get_connection_values(
                connection, .HEADER_KIND,
                { fields, _, name, value in
                    guard let fields, let name else {
                        return .YES
                    }
                    let field = (name: String(cString: name), value: value.map { String(cString: $0) } ?? "")
                    fields.assumingMemoryBound(to: [(name: String, value: String)].self).pointee.append(field)
                    return .YES
                }, pointer)
        }
        return HTTPHeaders(fields)
    }
}

/// A suspended connection handed to the handler task.
///
/// Safe to send because the task's only use is `MHD_resume_connection`, which libmicrohttpd allows from any thread,
/// and the connection stays alive while suspended: the daemon is never stopped with a handler in flight.
struct SuspendedConnection: @unchecked Sendable {
    let pointer: OpaquePointer
}
