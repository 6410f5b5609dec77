#include "dialect/pgstatementtext.h"

namespace dbops {

namespace {

bool identChar(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$'); }

// The end (one past) of the token starting at `i`, when it is a string, identifier, dollar quote or comment;
// `i` itself when it is none; -1 when it never ends.
qsizetype skipQuoted(const QString &s, qsizetype i)
{
    const qsizetype n = s.size();
    const QChar c = s.at(i);
    const QChar prev = i > 0 ? s.at(i - 1) : QChar();
    if (c == QLatin1Char('-') && i + 1 < n && s.at(i + 1) == QLatin1Char('-')) {
        const qsizetype eol = s.indexOf(QLatin1Char('\n'), i);
        return eol < 0 ? n : eol + 1;
    }
    if (c == QLatin1Char('/') && i + 1 < n && s.at(i + 1) == QLatin1Char('*')) {
        int depth = 0;
        for (qsizetype j = i; j + 1 < n; ++j) {
            if (s.at(j) == QLatin1Char('/') && s.at(j + 1) == QLatin1Char('*')) {
                ++depth;
                ++j;
            } else if (s.at(j) == QLatin1Char('*') && s.at(j + 1) == QLatin1Char('/')) {
                ++j;
                if (--depth == 0)
                    return j + 1;
            }
        }
        return -1;
    }
    if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
        // E'…' (escape string): a backslash quotes the next character. Doubled quotes are one quote in all forms.
        const bool escapes = c == QLatin1Char('\'') && (prev == QLatin1Char('E') || prev == QLatin1Char('e')) &&
                             (i < 2 || !identChar(s.at(i - 2)));
        for (qsizetype j = i + 1; j < n; ++j) {
            if (escapes && s.at(j) == QLatin1Char('\\')) {
                ++j;
            } else if (s.at(j) == c) {
                if (j + 1 < n && s.at(j + 1) == c)
                    ++j;
                else
                    return j + 1;
            }
        }
        return -1;
    }
    if (c == QLatin1Char('$') && !(i > 0 && identChar(prev))) {
        qsizetype j = i + 1;
        while (j < n && s.at(j) != QLatin1Char('$') &&
               (s.at(j).isLetter() || s.at(j) == QLatin1Char('_') || (j > i + 1 && s.at(j).isDigit())))
            ++j;
        if (j >= n || s.at(j) != QLatin1Char('$'))
            return i; // $1 (a parameter), or a lone '$'
        const QString tag = s.mid(i, j - i + 1);
        const qsizetype close = s.indexOf(tag, j + 1);
        return close < 0 ? -1 : close + tag.size();
    }
    return i;
}

Error notOne(const QString &why)
{
    return Error::make(ErrorCode::Usage, QStringLiteral("the text to explain is %1").arg(why),
                       QStringLiteral("give exactly one statement (EXPLAIN runs everything in the text)"));
}

} // namespace

Expected<QString> PgStatementText::single(const QString &text)
{
    qsizetype end = -1; // where the first top-level ';' is
    bool content = false, after = false;
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype skipped = skipQuoted(text, i);
        if (skipped < 0)
            return notOne(QStringLiteral("cut off inside a quoted string or a comment"));
        if (skipped > i) {
            const bool comment = text.at(i) == QLatin1Char('-') || text.at(i) == QLatin1Char('/');
            if (!comment)
                (end < 0 ? content : after) = true;
            i = skipped;
            continue;
        }
        const QChar c = text.at(i);
        if (c == QLatin1Char(';') && end < 0)
            end = i;
        else if (!c.isSpace())
            (end < 0 ? content : after) = true;
        ++i;
    }
    if (after)
        return notOne(QStringLiteral("more than one statement"));
    if (!content)
        return notOne(QStringLiteral("empty"));
    return (end < 0 ? text : text.left(end)).trimmed();
}

} // namespace dbops
