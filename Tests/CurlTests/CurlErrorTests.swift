import Curl
import Testing

@Suite struct CurlErrorTests {
    @Test func descriptionIsOneLineWithRequestDetailAndSystemReason() {
        let error = CurlError(
            kind: .couldNotConnect, code: 7, function: "curl_easy_perform", message: "Couldn't connect to server",
            detail: "Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server", systemErrno: 111,
            systemReason: "Connection refused", method: "GET", url: "http://127.0.0.1:9/")
        #expect(
            error.description
                == "GET http://127.0.0.1:9/: Failed to connect to 127.0.0.1 port 9 after 0 ms: "
                + "Couldn't connect to server (Connection refused)")
    }

    @Test func emptyDetailFallsBackToTheMessageAndFunction() {
        let error = CurlError(
            kind: .other, code: 2, function: "curl_global_init", message: "Failed initialization", detail: "")
        #expect(error.detail == "Failed initialization")
        #expect(error.description == "curl_global_init: Failed initialization")
    }
}
