#include "hookserver.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace dbops::test {

HookServer::HookServer(int status, QObject *parent)
    : QObject(parent), m_server(std::make_unique<QTcpServer>()), m_status(status)
{
    connect(m_server.get(), &QTcpServer::newConnection, this, &HookServer::onConnection);
}

HookServer::~HookServer() = default;

bool HookServer::listen() { return m_server->listen(QHostAddress::LocalHost, 0); }

quint16 HookServer::port() const { return m_server->serverPort(); }

QString HookServer::url(const QString &pathAndQuery) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(pathAndQuery);
}

void HookServer::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const int end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = buffer->left(end);
            qsizetype length = 0;
            for (const QByteArray &line : head.split('\n'))
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            if (buffer->size() < end + 4 + length)
                return;
            m_requests.append({head, buffer->mid(end + 4, length)});
            buffer->clear();
            socket->write(QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(m_status) +
                          QByteArrayLiteral(" X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            socket->disconnectFromHost();
        });
    }
}

} // namespace dbops::test
