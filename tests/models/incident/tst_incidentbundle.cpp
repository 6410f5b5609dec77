// The bundle's own rules, with sections of the test's making: a section that fails still leaves its file (the
// error in it) and is named in the summary; every secret the capture knows of is scrubbed from what sections
// write; a cancelled capture leaves nothing in the destination.
#include "incident/incidentbundle.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;

namespace {

const QString kSecret = QStringLiteral("Hunter2-Incident-77");

IncidentSection fixed(const QString &name, const QJsonObject &json)
{
    return IncidentSection::json(name, name.toUpper(), [json](IncidentContext &) -> Expected<IncidentSection::Data> {
        return IncidentSection::Data{json, QStringLiteral("fine")};
    });
}

IncidentSection failing(const QString &name)
{
    return IncidentSection::json(name, name.toUpper(), [](IncidentContext &) -> Expected<IncidentSection::Data> {
        return Error::make(ErrorCode::ConnectFailed, QStringLiteral("cannot reach db.internal:5432"),
                           QStringLiteral("check the server"));
    });
}

QString unpack(const QString &archive, const QString &into)
{
    QDir().mkpath(into);
    QProcess::execute(QStringLiteral("tar"), {QStringLiteral("-xzf"), archive, QStringLiteral("-C"), into});
    return QDir(into).filePath(QFileInfo(archive).fileName().chopped(7));
}

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestIncidentBundle : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    IncidentRequest request(const QString &out) const
    {
        IncidentRequest r;
        r.detected.target = Target::sqliteFile(m_dir.filePath(QStringLiteral("trading.db")));
        r.detected.target.pg.password = kSecret; // as a target parsed from a URL with a password carries it
        r.outDir = m_dir.filePath(out);
        return r;
    }

private Q_SLOTS:
    void failedSectionKeepsItsFileAndIsNamed()
    {
        auto result = IncidentBundle::capture(
            request(QStringLiteral("a")),
            {fixed(QStringLiteral("pool"), {{QStringLiteral("total"), 3}}), failing(QStringLiteral("slow"))});
        QVERIFY2(result.ok(), qPrintable(result.error().oneLine()));
        QCOMPARE(result->failedSections(), 1);
        QCOMPARE(result->toJson().value(QStringLiteral("status")).toString(), QStringLiteral("partial"));
        const QString folder = unpack(result->path, m_dir.filePath(QStringLiteral("a-x")));
        const QJsonObject slow = QJsonDocument::fromJson(read(folder + QStringLiteral("/slow.json"))).object();
        QCOMPARE(slow.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
        QVERIFY(read(folder + QStringLiteral("/summary.md")).contains("cannot reach db.internal:5432"));
    }

    void knownSecretIsScrubbedFromKeysAndValues()
    {
        const QJsonObject leaky{{QStringLiteral("dsn"), QString(QStringLiteral("host=db password=") + kSecret)},
                                {QStringLiteral("seen"), QJsonArray{QString(QStringLiteral("typed ") + kSecret)}},
                                {kSecret, true}};
        auto result = IncidentBundle::capture(request(QStringLiteral("b")), {fixed(QStringLiteral("leaky"), leaky)});
        QVERIFY(result.ok());
        const QString folder = unpack(result->path, m_dir.filePath(QStringLiteral("b-x")));
        for (const QString &name : QDir(folder).entryList(QDir::Files))
            QVERIFY2(!read(QDir(folder).filePath(name)).contains(kSecret.toUtf8()), qPrintable(name));
        QVERIFY(read(folder + QStringLiteral("/leaky.json")).contains("typed ***"));
    }

    void cancelledCaptureLeavesNothing()
    {
        CancelToken token;
        token.cancel();
        auto result = IncidentBundle::capture(request(QStringLiteral("c")), {fixed(QStringLiteral("pool"), {})},
                                              OpControl{token, {}});
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
        QCOMPARE(QDir(m_dir.filePath(QStringLiteral("c"))).entryList(QDir::Files | QDir::Hidden).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestIncidentBundle)
#include "tst_incidentbundle.moc"
