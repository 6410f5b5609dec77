#pragma once
// A connection of the test process to a store, as the bot keeps one: opened, used and closed by the test
// (QSQLITE, read-write), so that its locks and WAL frames are real.
#include <QString>

namespace dbops::test {

class BotConnection {
public:
    explicit BotConnection(const QString &path);
    ~BotConnection();
    BotConnection(const BotConnection &) = delete;
    BotConnection &operator=(const BotConnection &) = delete;
    // Runs one statement to its end; false when it fails.
    bool exec(const QString &sql);

private:
    QString m_name;
};

} // namespace dbops::test
