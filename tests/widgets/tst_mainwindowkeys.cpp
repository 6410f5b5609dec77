// The main window by keyboard and on its screen: Ctrl+Tab / Ctrl+PgDn and back cycle the tabs, Alt+N reaches
// tab N, Tab leaves a table, every button has a mnemonic of its own, and the window fits the screen it opens on
// (status bar included). Runs on a demo store made in a temporary directory.
#include "demo/demostore.h"
#include "log/logging.h"
#include "mainwindow.h"
#include "panels/healthpanel.h"
#include "panels/overviewpanel.h"
#include "panels/statusboardview.h"
#include "session/targetsession.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMenuBar>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace dbops;

namespace {
QChar mnemonicOf(const QString &text)
{
    const QKeySequence key = QKeySequence::mnemonic(text);
    return key.isEmpty() ? QChar() : key.toString().back().toLower();
}
} // namespace

class TestMainWindowKeys : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_xdg;
    QTemporaryDir m_demo;
    QString m_tradingDb;
    QString m_demoDir;

    // A window with the demo store (one file, or the whole data directory) open, active, showing its tabs.
    std::unique_ptr<MainWindow> openWindow(const Target &target)
    {
        auto w = std::make_unique<MainWindow>();
        w->show();
        w->openTarget(target);
        [&] {
            QVERIFY(QTest::qWaitForWindowActive(w.get()));
            QTRY_VERIFY_WITH_TIMEOUT(!w->isShowingWelcome(), 15000);
        }();
        return w;
    }
    std::unique_ptr<MainWindow> openWindow() { return openWindow(Target::sqliteFile(m_tradingDb)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_xdg.isValid());
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"})
            qputenv(var, (m_xdg.path() + QLatin1Char('/') + QLatin1String(var)).toUtf8());
        Logging::setup(Logging::Mode::Gui);
        m_demoDir = m_demo.path() + QStringLiteral("/demo");
        const Error e = DemoStore::create(m_demoDir);
        QVERIFY2(!e.isError(), qPrintable(e.oneLine()));
        m_tradingDb = DemoStore::tradingDbPath(m_demoDir);
    }

    void windowFitsItsScreen()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect available = w.screen()->availableGeometry();
        QVERIFY2(available.contains(w.frameGeometry()), qPrintable(QStringLiteral("%1x%2 on %3x%4")
                                                                       .arg(w.frameGeometry().width())
                                                                       .arg(w.frameGeometry().height())
                                                                       .arg(available.width())
                                                                       .arg(available.height())));
        QVERIFY(w.width() >= available.width() * 8 / 10);
        const QRect status(w.statusBar()->mapToGlobal(QPoint(0, 0)), w.statusBar()->size());
        QVERIFY(w.statusBar()->isVisible());
        QVERIFY(available.contains(status));
    }

    // A panel's minimum size never pushes the window (and its status bar) off the screen. ctest runs this on a
    // 1280x800 screen (tests/widgets/screens/1280x800.json) with the demo's data directory: the fullest Overview.
    void windowStillFitsOnEveryTab_data()
    {
        QTest::addColumn<bool>("wholeDirectory");
        QTest::newRow("one store") << false;
        QTest::newRow("data directory") << true;
    }
    void windowStillFitsOnEveryTab()
    {
        QFETCH(bool, wholeDirectory);
        auto w = openWindow(wholeDirectory ? Target::dataDir(m_demoDir) : Target::sqliteFile(m_tradingDb));
        const QRect available = w->screen()->availableGeometry();
        auto *tabs = w->findChild<QTabWidget *>(QStringLiteral("panelTabs"));
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            // the Health tab scans when first shown; its charts grow with the tables found
            if (tabs->currentWidget() == w->healthPanel())
                QTRY_VERIFY_WITH_TIMEOUT(!w->healthPanel()->report().tables.isEmpty(), 30000);
            // the Overview grows when its facts, stores and status rows arrive
            if (tabs->currentWidget() == w->overviewPanel()) {
                QTRY_VERIFY_WITH_TIMEOUT(w->overviewPanel()->hasOverview(), 15000);
                QTRY_VERIFY_WITH_TIMEOUT(!w->overviewPanel()->statusBoard()->board().checks.isEmpty(), 15000);
            }
            QCoreApplication::processEvents();
            QVERIFY2(available.contains(w->frameGeometry()), qPrintable(QStringLiteral("%1: %2x%3 on %4x%5")
                                                                            .arg(tabs->tabText(i))
                                                                            .arg(w->width())
                                                                            .arg(w->height())
                                                                            .arg(available.width())
                                                                            .arg(available.height())));
            const QRect status(w->statusBar()->mapToGlobal(QPoint(0, 0)), w->statusBar()->size());
            QVERIFY2(available.contains(status), qPrintable(tabs->tabText(i)));
            // and room to spare for a window manager's title bar and a desktop panel
            QVERIFY2(
                w->minimumSizeHint().height() <= available.height() * 85 / 100,
                qPrintable(
                    QStringLiteral("%1: minimum height %2").arg(tabs->tabText(i)).arg(w->minimumSizeHint().height())));
        }
    }

    void ctrlKeysCycleTheTabs_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("modifiers");
        QTest::addColumn<int>("step");
        QTest::newRow("Ctrl+Tab") << int(Qt::Key_Tab) << int(Qt::ControlModifier) << 1;
        QTest::newRow("Ctrl+PgDn") << int(Qt::Key_PageDown) << int(Qt::ControlModifier) << 1;
        QTest::newRow("Ctrl+Shift+Tab") << int(Qt::Key_Backtab) << int(Qt::ControlModifier | Qt::ShiftModifier) << -1;
        QTest::newRow("Ctrl+PgUp") << int(Qt::Key_PageUp) << int(Qt::ControlModifier) << -1;
    }
    void ctrlKeysCycleTheTabs()
    {
        QFETCH(int, key);
        QFETCH(int, modifiers);
        QFETCH(int, step);
        auto w = openWindow();
        auto *tabs = w->findChild<QTabWidget *>(QStringLiteral("panelTabs"));
        // from a table too, which would otherwise keep Tab for itself
        tabs->setCurrentIndex(1);
        auto *table = w->findChild<QTableView *>(QStringLiteral("activityPool"));
        table->setFocus();
        for (int i = 1; i <= tabs->count(); ++i) {
            QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : w.get(), Qt::Key(key),
                            Qt::KeyboardModifiers(modifiers));
            QCOMPARE(tabs->currentIndex(), (1 + i * step + tabs->count() * 2) % tabs->count());
        }
    }

    void altNumberReachesItsTab_data()
    {
        QTest::addColumn<int>("number");
        for (int n = 1; n <= 9; ++n)
            QTest::addRow("Alt+%d", n) << n;
    }
    void altNumberReachesItsTab()
    {
        QFETCH(int, number);
        auto w = openWindow();
        auto *tabs = w->findChild<QTabWidget *>(QStringLiteral("panelTabs"));
        QVERIFY(tabs->count() >= number);
        tabs->setCurrentIndex(number == 1 ? 1 : 0);
        QTest::keyClick(w.get(), Qt::Key(Qt::Key_0 + number), Qt::AltModifier);
        QCOMPARE(tabs->currentIndex(), number - 1);
    }

    void tabLeavesATable()
    {
        auto w = openWindow();
        auto *table = w->findChild<QTableView *>(QStringLiteral("overviewTables"));
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 2, 15000);
        table->setFocus();
        table->setCurrentIndex(table->model()->index(0, 0));
        QCOMPARE(QApplication::focusWidget(), table);
        QTest::keyClick(table, Qt::Key_Tab);
        QVERIFY(QApplication::focusWidget() != table);
    }

    void everyVisibleButtonHasItsOwnMnemonic()
    {
        auto w = openWindow();
        QString menus;
        for (const QAction *a : w->menuBar()->actions())
            menus += mnemonicOf(a->text());
        auto *tabs = w->findChild<QTabWidget *>(QStringLiteral("panelTabs"));
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QString taken = menus;
            for (QAbstractButton *b : w->findChildren<QAbstractButton *>()) {
                if (!b->isVisibleTo(w.get()) || b->text().isEmpty() || b->window() != w.get())
                    continue;
                const QChar m = mnemonicOf(b->text());
                QVERIFY2(!m.isNull(), qPrintable(tabs->tabText(i) + QStringLiteral(": \"") + b->text() +
                                                 QStringLiteral("\" has no mnemonic")));
                QVERIFY2(!taken.contains(m), qPrintable(tabs->tabText(i) + QStringLiteral(": \"") + b->text() +
                                                        QStringLiteral("\" repeats Alt+") + m));
                taken += m;
            }
        }
    }
};

QTEST_MAIN(TestMainWindowKeys)
#include "tst_mainwindowkeys.moc"
