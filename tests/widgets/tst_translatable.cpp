// The console can be translated: the words an operator reads go through tr(), and the build's lupdate step
// collects them into the translation template that Qt Linguist opens.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

// context → source texts of the template
QMultiHash<QString, QString> templateMessages()
{
    QMultiHash<QString, QString> messages;
    QFile file(QStringLiteral(DBOPS_TS_TEMPLATE));
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("source"))
            messages.insert(context, xml.readElementText());
    }
    return messages;
}

// A literal an operator reads: words with a space between them, or a capitalised word ("Overview").
// Object names (camelCase), keys, icon names, paths and pure formats are not.
bool looksVisible(const QString &text)
{
    static const QRegularExpression twoWords(QStringLiteral("[A-Za-z]{2,}[^\\n\"]* [^\\n\"]*[A-Za-z]{2,}"));
    static const QRegularExpression capitalised(QStringLiteral("^&?[A-Z][a-z]{2,}"));
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]*$"));
    static const QRegularExpression dateFormat(QStringLiteral("^[yMdHhmsz:. -]+$"));
    if (text.startsWith(QLatin1Char('/')) || text.startsWith(QLatin1Char(':')) || dateFormat.match(text).hasMatch())
        return false;
    if (identifier.match(text).hasMatch() && !capitalised.match(text).hasMatch())
        return false;
    return twoWords.match(text).hasMatch() || capitalised.match(text).hasMatch();
}

// Calls whose argument is a name for code, never shown: the literal right after one of them is fine.
bool isNameArgument(const QString &before)
{
    static const QRegularExpression call(
        QStringLiteral("(setObjectName|objectName|fromTheme|QIcon|findChild<[^>]*>|setProperty|property|exists|"
                       "submit|setStyleSheet|setDateTimeFormat|toString|fromString|value|contains)\\(\\s*$"));
    return call.match(before).hasMatch();
}

} // namespace

class TstTranslatable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void templateHoldsTheConsoleStrings_data();
    void templateHoldsTheConsoleStrings();
    void widgetTextGoesThroughTr();
};

void TstTranslatable::templateHoldsTheConsoleStrings_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::newRow("menu") << "dbops::MainWindow"
                          << "&Back up now";
    QTest::newRow("tab") << "dbops::MainWindow"
                         << "Overview";
    QTest::newRow("welcome") << "dbops::WelcomePage"
                             << "Open demo store";
    QTest::newRow("restore dialog") << "dbops::RestoreDialog"
                                    << "Restore";
    QTest::newRow("backups panel") << "dbops::BackupsPanel"
                                   << "Back up now";
    QTest::newRow("health panel") << "dbops::HealthPanel"
                                  << "Cancel";
    QTest::newRow("confirm dialog") << "dbops::ConfirmDialog"
                                    << "Type <b>%1</b> to confirm:";
    QTest::newRow("restore impact headline") << "dbops::RestoreImpactModel"
                                             << "%1 rows in %2 table(s) will be lost";
}

void TstTranslatable::templateHoldsTheConsoleStrings()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    const QMultiHash<QString, QString> messages = templateMessages();
    QVERIFY2(!messages.isEmpty(), "the build wrote no translation template at " DBOPS_TS_TEMPLATE);
    QVERIFY2(messages.values(context).contains(source),
             qPrintable(QStringLiteral("\"%1\" (%2) is not in the template").arg(source, context)));
}

void TstTranslatable::widgetTextGoesThroughTr()
{
    static const QRegularExpression literal(QStringLiteral("QStringLiteral\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\""));
    QStringList offenders;
    QDirIterator it(QStringLiteral(DBOPS_SOURCE_DIR "/widgets"), {QStringLiteral("*.cpp"), QStringLiteral("*.h")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        // render/ draws the evidence bundle's pictures, written into an archive for a ticket, never on screen.
        if (path.contains(QLatin1String("/widgets/render/")))
            continue;
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            auto matches = literal.globalMatch(lines.at(i));
            while (matches.hasNext()) {
                const QRegularExpressionMatch m = matches.next();
                if (looksVisible(m.captured(1)) && !isNameArgument(lines.at(i).left(m.capturedStart())))
                    offenders << QStringLiteral("%1:%2: %3")
                                     .arg(path.mid(int(qstrlen(DBOPS_SOURCE_DIR)) + 1))
                                     .arg(i + 1)
                                     .arg(m.captured(1).left(60));
            }
        }
    }
    QVERIFY2(offenders.isEmpty(), qPrintable(QStringLiteral("%1 untranslatable texts (use tr()):\n%2")
                                                 .arg(offenders.size())
                                                 .arg(offenders.join(QLatin1Char('\n')))));
}

QTEST_GUILESS_MAIN(TstTranslatable)
#include "tst_translatable.moc"
