#pragma once
// A webhook receiver on 127.0.0.1: a real QTcpServer that reads each HTTP request (head and body by its
// Content-Length) and answers with the status it is told. Needs the test's event loop to run while a client posts.
// (QTcpServer stays out of this header: the tests including it keep the compile flags of the others.)
#include <QByteArray>
#include <QList>
#include <QObject>
#include <memory>

class QTcpServer;

namespace dbops::test {

struct HookRequest {
    QByteArray head; // request line and headers
    QByteArray body;
};

class HookServer : public QObject {
    Q_OBJECT
public:
    explicit HookServer(int status = 200, QObject *parent = nullptr);
    ~HookServer() override;
    bool listen(); // on 127.0.0.1, a free port
    quint16 port() const;
    QString url(const QString &pathAndQuery) const; // "http://127.0.0.1:PORT" + pathAndQuery
    const QList<HookRequest> &requests() const { return m_requests; }

private:
    void onConnection();
    std::unique_ptr<QTcpServer> m_server;
    int m_status;
    QList<HookRequest> m_requests;
};

} // namespace dbops::test
