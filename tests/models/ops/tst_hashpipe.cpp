// HashPipe: the digest of ranges hashed on its thread equals SHA-256 of their concatenation in submission
// order, whether they come through its buffers or as caller-owned memory, and caller-owned ranges queue without
// limit (a copy may run far ahead of the hash) while buffers are recycled.
#include "ops/hashpipe.h"

#include <QCryptographicHash>
#include <QtTest>

#include <cstring>
#include <vector>

using namespace dbops;

class TestHashPipe : public QObject {
    Q_OBJECT

    static std::vector<unsigned char> bytes(size_t n, unsigned seed)
    {
        std::vector<unsigned char> v(n);
        for (size_t i = 0; i < n; ++i)
            v[i] = static_cast<unsigned char>((i * 131 + seed * 7919) >> 3);
        return v;
    }

private Q_SLOTS:
    void digestFollowsSubmissionOrder_data()
    {
        QTest::addColumn<QString>("kinds"); // per range: b = through a buffer, e = external memory
        QTest::newRow("buffers only, more than the ring") << QStringLiteral("bbbbbbb");
        QTest::newRow("external only, more than the ring") << QStringLiteral("eeeeeeeeee");
        QTest::newRow("mixed") << QStringLiteral("bebbeeebeb");
        QTest::newRow("nothing") << QString();
    }
    void digestFollowsSubmissionOrder()
    {
        QFETCH(QString, kinds);
        constexpr size_t kSize = 64 * 1024;
        HashPipe pipe(2, kSize);
        std::vector<std::vector<unsigned char>> ranges;
        for (int i = 0; i < kinds.size(); ++i)
            ranges.push_back(bytes(kSize - size_t(i) * 100, unsigned(i)));
        QCryptographicHash expected(QCryptographicHash::Sha256);
        for (int i = 0; i < kinds.size(); ++i) {
            const auto &r = ranges[size_t(i)];
            expected.addData(QByteArrayView(reinterpret_cast<const char *>(r.data()), qsizetype(r.size())));
            if (kinds[i] == QLatin1Char('e')) {
                pipe.submitExternal(r.data(), r.size());
            } else {
                unsigned char *buffer = pipe.acquire();
                memcpy(buffer, r.data(), r.size());
                pipe.submit(buffer, r.size());
            }
        }
        QCOMPARE(pipe.finish(), QString::fromLatin1(expected.result().toHex()));
    }
};

QTEST_GUILESS_MAIN(TestHashPipe)
#include "tst_hashpipe.moc"
