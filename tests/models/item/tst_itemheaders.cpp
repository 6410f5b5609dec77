// The column headers of the item models, and the restore impact's headline above its table, are translatable: each
// goes through tr() in its model's context, so a translation the console installs names the columns. A translator
// that marks what it is asked shows it.
#include "core/format.h"
#include "item/restoreimpactmodel.h"
#include "item/tablecomparemodel.h"

#include <QTranslator>
#include <QtTest/QTest>
#include <memory>

using namespace dbops;

namespace {
class MarkingTranslator : public QTranslator {
public:
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        return QStringLiteral("%1|%2").arg(QLatin1String(context), QString::fromUtf8(source));
    }
    bool isEmpty() const override { return false; }
};

std::unique_ptr<QAbstractItemModel> modelNamed(const QString &name)
{
    if (name == QLatin1String("TableCompareModel"))
        return std::make_unique<TableCompareModel>();
    return std::make_unique<RestoreImpactModel>();
}
} // namespace

class TestItemHeaders : public QObject {
    Q_OBJECT
    MarkingTranslator m_translator;

private Q_SLOTS:
    void initTestCase() { QCoreApplication::installTranslator(&m_translator); }
    void cleanupTestCase() { QCoreApplication::removeTranslator(&m_translator); }

    void headerGoesThroughTr_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("source");
        const auto add = [](const char *model, int column, const char *source) {
            QTest::addRow("%s %s", model, source) << QString::fromLatin1(model) << column << QString::fromUtf8(source);
        };
        add("TableCompareModel", TableCompareModel::TableColumn, "Table");
        add("TableCompareModel", TableCompareModel::RowsLiveColumn, "Rows live");
        add("TableCompareModel", TableCompareModel::RowsSideColumn, "Rows in side instance");
        add("TableCompareModel", TableCompareModel::NewestLiveColumn, "Newest live");
        add("TableCompareModel", TableCompareModel::NewestSideColumn, "Newest in side instance");
        add("RestoreImpactModel", RestoreImpactModel::TableColumn, "Table");
        add("RestoreImpactModel", RestoreImpactModel::RowsNowColumn, "Rows now");
        add("RestoreImpactModel", RestoreImpactModel::RowsBackupColumn, "Rows in backup");
        add("RestoreImpactModel", RestoreImpactModel::NewestNowColumn, "Newest now");
        add("RestoreImpactModel", RestoreImpactModel::NewestBackupColumn, "Newest in backup");
        add("RestoreImpactModel", RestoreImpactModel::LostColumn, "Rows lost");
    }
    void headerGoesThroughTr()
    {
        QFETCH(QString, model);
        QFETCH(int, column);
        QFETCH(QString, source);
        const auto m = modelNamed(model);
        QCOMPARE(m->headerData(column, Qt::Horizontal).toString(), QStringLiteral("dbops::%1|%2").arg(model, source));
    }

    void restoreImpactHeadlineGoesThroughTr_data()
    {
        QTest::addColumn<qint64>("lost");
        QTest::addColumn<int>("backupUserVersion");
        QTest::addColumn<QString>("headline");
        const QString context = QStringLiteral("dbops::RestoreImpactModel|");
        QTest::newRow("nothing lost") << qint64(0) << 0
                                      << context + "No row missing from the backup or newer than it: nothing will be "
                                                   "lost";
        QTest::newRow("rows lost") << qint64(1200) << 0
                                   << context + Format::count(1200) + " rows in 1 table(s) will be lost";
        QTest::newRow("schema changes") << qint64(0) << 3
                                        << context +
                                               "No row missing from the backup or newer than it: nothing will "
                                               "be lost" +
                                               context + "; schema changes from %1 to %2";
    }
    void restoreImpactHeadlineGoesThroughTr()
    {
        QFETCH(qint64, lost);
        QFETCH(int, backupUserVersion);
        QFETCH(QString, headline);
        RestoreImpact impact;
        TableImpact trades;
        trades.name = QStringLiteral("trades");
        trades.rowsLostEstimate = lost;
        impact.tables << trades;
        impact.backup.userVersion = backupUserVersion;
        RestoreImpactModel model;
        model.setImpact(impact);
        const QString expected = headline.contains(QLatin1String("%1"))
                                     ? headline.arg(impact.now.display(), impact.backup.display())
                                     : headline;
        QCOMPARE(model.headline(), expected);
    }
};

QTEST_GUILESS_MAIN(TestItemHeaders)
#include "tst_itemheaders.moc"
