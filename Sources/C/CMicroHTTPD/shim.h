#ifndef CMICROHTTPD_SHIM_H
#define CMICROHTTPD_SHIM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <microhttpd.h>

/// Where the daemon's error log goes: a Swift function and its context, owned by the Swift daemon object.
struct CMicroHTTPD_LogSink {
    void (*write)(void *context, const char *message);
    void *context;
};

// MHD's logger receives a printf format and a va_list, which Swift cannot format: render it here.
static inline void CMicroHTTPD_log(void *cls, const char *format, va_list arguments) {
    struct CMicroHTTPD_LogSink *sink = (struct CMicroHTTPD_LogSink *)cls;
    char message[1024];
    vsnprintf(message, sizeof(message), format, arguments);
    sink->write(sink->context, message);
}

// MHD_start_daemon is variadic: this fixed signature passes every option Brickyard uses, TLS only when given.
static inline struct MHD_Daemon *CMicroHTTPD_start_daemon(
    unsigned int flags, const struct sockaddr *address,
    MHD_AccessHandlerCallback handler, void *handler_context,
    MHD_RequestCompletedCallback completed, void *completed_context,
    void *(*uri_log)(void *context, const char *uri, struct MHD_Connection *connection), void *uri_log_context,
    struct CMicroHTTPD_LogSink *log_sink,
    unsigned int connection_limit, unsigned int per_ip_connection_limit,
    unsigned int connection_timeout, size_t connection_memory_limit, unsigned int thread_pool_size,
    const char *tls_certificate, const char *tls_key) {
    struct MHD_OptionItem tls[] = {
        {MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)tls_certificate},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)tls_key},
        {MHD_OPTION_END, 0, NULL},
    };
    if (tls_certificate == NULL || tls_key == NULL) {
        tls[0].option = MHD_OPTION_END;
    }
    return MHD_start_daemon(
        flags, 0, NULL, NULL, handler, handler_context,
        // First, so that every message about the later options reaches the sink too.
        MHD_OPTION_EXTERNAL_LOGGER, CMicroHTTPD_log, (void *)log_sink,
        MHD_OPTION_SOCK_ADDR, address,
        MHD_OPTION_NOTIFY_COMPLETED, completed, completed_context,
        MHD_OPTION_URI_LOG_CALLBACK, uri_log, uri_log_context,
        MHD_OPTION_CONNECTION_LIMIT, connection_limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip_connection_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, connection_timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, connection_memory_limit,
        MHD_OPTION_THREAD_POOL_SIZE, thread_pool_size,
        MHD_OPTION_ARRAY, tls,
        MHD_OPTION_END);
}

// MHD_get_daemon_info is variadic; this reads the bound port, which differs from the requested one for port 0.
static inline uint16_t CMicroHTTPD_bind_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

// MHD_get_connection_info is variadic; this reads the peer address of a connection.
static inline const struct sockaddr *CMicroHTTPD_client_address(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info == NULL ? NULL : info->client_addr;
}

#endif
