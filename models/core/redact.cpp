#include "core/redact.h"

#include <QRegularExpression>

namespace dbops {

QString Redact::text(const QString &input)
{
    if (input.isEmpty())
        return input;
    static const QRegularExpression uriPassword(QStringLiteral(R"(([a-zA-Z][a-zA-Z0-9+.-]*://[^:/?#@\s]*):[^@/\s]*@)"));
    static const QRegularExpression keyValue(
        QStringLiteral(R"(\b(password|passwd|pgpassword|secret|api[_-]?key)(\s*[=:]\s*)('[^']*'|"[^"]*"|\S+))"),
        QRegularExpression::CaseInsensitiveOption);
    QString out = input;
    out.replace(uriPassword, QStringLiteral("\\1:***@"));
    out.replace(keyValue, QStringLiteral("\\1\\2***"));
    return out;
}

} // namespace dbops
