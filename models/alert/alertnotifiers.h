#pragma once
// Where an alert goes: a desktop notification (freedesktop Notifications over the session D-Bus), a program of
// the operator's choice (the alert as JSON on stdin and DBOPS_ALERT_* variables; no shell), an HTTP(S) webhook
// or ping URL (one POST with the JSON body). Each call blocks the calling thread until it is done or its time is
// up, so it runs on the CLI's main thread or a worker, never on the GUI thread.
#include "alert/alertevent.h"
#include "core/error.h"

namespace dbops {

class DesktopNotifier {
public:
    static bool available(); // a session bus answers
    // Skipped (no error, a debug line in the log) when no session bus or notification daemon exists; `shown`
    // says whether one took it.
    static Error send(const AlertEvent &event, bool *shown = nullptr);
};

class CommandNotifier {
public:
    static constexpr int kTimeoutMs = 30000;
    // Runs `program` (a path, no shell words) with the alert on stdin; killed when it outlasts `timeoutMs`.
    static Error send(const QString &program, const AlertEvent &event, int timeoutMs = kTimeoutMs);
    // A Usage error when `program` is no executable file (a bare name: none on PATH).
    static Error check(const QString &program);
};

class WebhookNotifier {
public:
    static constexpr int kTimeoutMs = 10000;
    // One POST of event.toJson() to `url` (http or https). The URL may carry a token: errors and logs name only
    // safeName(url).
    static Error send(const QString &url, const AlertEvent &event, int timeoutMs = kTimeoutMs);
    static QString safeName(const QString &url); // "https://hooks.example.com" (no user, path or query)
    // A Usage error naming safeName() when `url` is not an http(s) URL with a host.
    static Error check(const QString &url);
};

} // namespace dbops
