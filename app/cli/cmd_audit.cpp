// dbops audit: the trail of operator actions (state.db), oldest first; --verify walks its hash chain and
// exits 2 naming the first broken record (changed, missing, unsealed).
#include "audit/auditchain.h"
#include "audit/auditlog.h"
#include "cliutil.h"
#include "command.h"
#include "core/retentionpolicy.h"

#include <QJsonArray>
#include <QTextStream>

namespace dbops::cli {
namespace {

const QString kSince = QStringLiteral("since");
const QString kVerify = QStringLiteral("verify");

void addOptions(QCommandLineParser &p)
{
    p.addOption({kSince,
                 QStringLiteral("Only records at or after TIME: a duration back from now (30m, 24h, 7d) or an ISO "
                                "date/time (2026-12-04, 2026-12-04T08:00:00Z; UTC when no zone is given)."),
                 QStringLiteral("TIME")});
    p.addOption({kVerify, QStringLiteral("Check the trail's hash chain: exit 0 when whole, 2 naming the first "
                                         "broken record.")});
}

Expected<QDateTime> parseSince(const QString &text)
{
    const qint64 seconds = RetentionPolicy::parseKeep(text);
    if (seconds > 0)
        return QDateTime::currentDateTimeUtc().addSecs(-seconds);
    QDateTime at = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!at.isValid())
        at = QDateTime::fromString(text.trimmed(), Qt::ISODate);
    if (!at.isValid())
        return Error::make(ErrorCode::Usage, QStringLiteral("--since \"%1\" is not a time").arg(text),
                           QStringLiteral("give a duration (30m, 24h, 7d) or an ISO date/time (2026-12-04T08:00Z)"));
    if (at.timeSpec() == Qt::LocalTime) // no zone written: UTC, as the trail is
        at.setTimeSpec(Qt::UTC);
    return at.toUTC();
}

int verify(const AuditLog &log, bool json)
{
    auto state = log.verify();
    if (!state)
        return fail(state.error(), json);
    if (json) {
        QJsonObject o = state->toJson();
        o.insert(QStringLiteral("status"), state->whole ? QStringLiteral("ok") : QStringLiteral("broken"));
        o.insert(QStringLiteral("path"), log.path());
        printJson(o);
    } else {
        QTextStream out(stdout);
        out << "audit trail " << log.path() << ": chain " << state->oneLine() << '\n';
        if (!state->sealedAt.isEmpty())
            out << "  " << state->sealedRecords << " records written before the chain were sealed at "
                << state->sealedAt << '\n';
    }
    if (!state->whole)
        printError(Error::make(ErrorCode::Corrupt,
                               QStringLiteral("the audit trail %1 is broken at record %2: %3")
                                   .arg(log.path())
                                   .arg(state->brokenId)
                                   .arg(state->what),
                               QStringLiteral("keep the file as evidence; compare with a backup of state.db")));
    return state->whole ? ExitOk : ExitCritical;
}

void printText(const QList<AuditRecord> &records)
{
    QTextStream out(stdout);
    if (records.isEmpty())
        out << "no operator actions recorded\n";
    for (const AuditRecord &r : records) {
        out << r.id << "  " << r.at.toUTC().toString(Qt::ISODate) << "  " << r.osUser << "  " << r.action << "  "
            << r.outcome << "  " << r.target << '\n';
        if (!r.parameters.isEmpty())
            out << "      parameters: " << r.parameters << '\n';
        if (!r.detail.isEmpty())
            out << "      detail: " << r.detail << '\n';
    }
}

int run(const Invocation &in)
{
    const AuditLog log;
    if (in.options().isSet(kVerify))
        return verify(log, in.json());
    QDateTime since;
    if (in.options().isSet(kSince)) {
        auto parsed = parseSince(in.options().value(kSince));
        if (!parsed)
            return in.fail(parsed.error());
        since = parsed.value();
    }
    auto records = log.all(since);
    if (!records)
        return in.fail(records.error());
    if (in.json()) {
        QJsonArray list;
        for (const AuditRecord &r : records.value())
            list.append(r.toJson());
        printJson({{QStringLiteral("status"), QStringLiteral("ok")},
                   {QStringLiteral("path"), log.path()},
                   {QStringLiteral("since"), since.isValid() ? since.toString(Qt::ISODateWithMs) : QString()},
                   {QStringLiteral("count"), list.size()},
                   {QStringLiteral("records"), list}});
    } else {
        printText(records.value());
    }
    return ExitOk;
}

const RegisterCommand reg({QStringLiteral("audit"), QStringLiteral("the audit trail; --verify checks its hash chain"),
                           QStringLiteral("List the trail of operator actions (backup, restore, cleanup, terminate, "
                                          "…), oldest first. Each record is sealed into a hash chain; --verify "
                                          "exits 0 when the chain is whole and 2 naming the first record that was "
                                          "changed, removed or added outside dbops."),
                           TargetUse::None, addOptions, run});

} // namespace
} // namespace dbops::cli
