internal import Dispatch
internal import Foundation
internal import Synchronization

/// Carries what a running client command prints back to the thread that started it.
///
/// `BrickyardCommand.run` hands out plain, non-escaping closures and blocks its (main) thread; the command itself runs
/// in a task. The task queues lines here and the blocked thread writes them in order, so output stays ordered and no
/// closure escapes to another thread.
final class ClientConsole: Sendable {
    enum Item: Sendable, Equatable {
        case output(String)
        case error(String)
        /// A progress frame for a terminal: replaces the current line; an empty frame clears it.
        case frame(String)
    }

    private struct State {
        var items: [Item] = []
        var exitCode: Int32?
    }

    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)

    /// A line for standard output.
    func print(_ line: String) {
        self.enqueue(.output(line))
    }

    /// A line for standard error.
    func warn(_ line: String) {
        self.enqueue(.error(line))
    }

    func frame(_ text: String) {
        self.enqueue(.frame(text))
    }

    /// The command is over; `pump` returns `code` once everything queued is written.
    func finish(_ code: Int32) {
        self.state.withLock { $0.exitCode = code }
        self.wake.signal()
    }

    /// Takes what is queued without writing it, for callers that run an action themselves (tests).
    func drain() -> [Item] {
        self.state.withLock { state in
            defer { state.items.removeAll() }
            return state.items
        }
    }

    private func enqueue(_ item: Item) {
        self.state.withLock { $0.items.append(item) }
        self.wake.signal()
    }

    /// Blocks the calling thread, writing queued items until `finish`; returns the exit code. Frames go straight to
    /// the terminal on standard error; a frame still shown is cleared before any other line.
    func pump(output: (String) -> Void, errors: (String) -> Void) -> Int32 {
        var frameShown = false
        func clearFrame() {
            if frameShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            frameShown = false
        }
        while true {
            self.wake.wait()
            let (items, code) = self.state.withLock { state in
                defer { state.items.removeAll() }
                return (state.items, state.exitCode)
            }
            for item in items {
                switch item {
                case .output(let line):
                    clearFrame()
                    output(line)
                case .error(let line):
                    clearFrame()
                    errors(line)
                case .frame(let text):
                    clearFrame()
                    if !text.isEmpty {
                        FileHandle.standardError.write(Data(text.utf8))
                        frameShown = true
                    }
                }
            }
            if let code {
                clearFrame()
                return code
            }
        }
    }
}
